#!/usr/bin/env bash
# The image issue's three performance targets, measured in one run on this machine. Needs root.
#   1. a fully cached rebuild of a 10-step Dockerfile from a warm JVM: under 50 ms       (ImageBuildBench)
#   2. a layer (tar + gzip -6 + sha256) of a 200 MB tree: at least as fast as
#      `tar -c | gzip -6 | sha256sum` on the same tree, timed alternately in the same run  (LayerWriteBench)
#   3. starting `true` in a 10-layer image: within 2 ms of a 1-layer image (busybox)      (LayeredStartBench)
# Everything runs on a private store (JAILCELL_ROOT) in a temp dir, removed afterwards with any mount left in it.
# Usage: bench/images.sh [RUNS]   (default 40: RUNS cached rebuilds, 4 x RUNS rounds of the two starts, and
# max(3, RUNS/8) rounds of the layer benchmark, ~10 s each for each of its three subjects on 2 cores)
set -euo pipefail
runs=${1:-40}
layer_runs=$((runs / 8 > 3 ? runs / 8 : 3))
tree_mb=${TREE_MB:-200}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -f $rt/target/test-classes/io/jailcell/bench/LayeredStartBench.class ]] \
    || mvn -q -B -ntp -f "$repo/pom.xml" -pl runtime -DskipTests test-compile package

work=$(mktemp -d /tmp/jailcell-bench-images.XXXXXX)
cleanup() {
    # Unmount whatever a crashed container left under the work dir (deepest first), then delete without
    # crossing into another file system.
    grep -F " $work/" /proc/self/mounts | awk '{ print $2 }' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf --one-file-system "$work"
    rmdir /sys/fs/cgroup/*/jailcell /sys/fs/cgroup/jailcell 2>/dev/null || true
}
trap cleanup EXIT
export JAILCELL_ROOT=$work/store
java_bench() {
    java -XX:+UseSerialGC -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
        "io.jailcell.bench.$1" "${@:2}"
}
out=$work/results.txt

# A reproducible ~200 MB tree: the regular files of /usr/share/doc (thousands of small text and .gz files), then
# those of /usr/lib/x86_64-linux-gnu under 8 MiB (shared libraries and archives), each in path order, until the size.
tree=$work/tree
mkdir -p "$tree"
{ find /usr/share/doc -type f -printf '%s\t%p\n' | LC_ALL=C sort -t$'\t' -k2
  find /usr/lib/x86_64-linux-gnu -type f -size -8M -printf '%s\t%p\n' | LC_ALL=C sort -t$'\t' -k2; } \
    | awk -F'\t' -v max=$((tree_mb << 20)) 'total < max { total += $1; print substr($2, 2) }' \
    > "$work/files"
tar -C / -cf - --files-from="$work/files" | tar -C "$tree" -xf -
echo "tree $(du -sm "$tree" | cut -f1) MB, $(wc -l < "$work/files") files" | tee -a "$out"

java_bench ImageBuildBench "$JAILCELL_ROOT" "$runs" "$work/ctx" | tee -a "$out"
# A difference of milliseconds in starts of 10-60 ms on a noisy machine needs more samples: 4 x RUNS rounds.
java_bench LayeredStartBench "$JAILCELL_ROOT" $((runs * 4)) | tee -a "$out"
threads=$(nproc)
java_bench LayerWriteBench "$tree" "$threads,1" "$layer_runs" "tar -C '$tree' -c . | gzip -6 | sha256sum" \
    | tee -a "$out"

field() { grep "^$1 " "$out" | sed -E "s/.* $2=(-?[0-9.]+).*/\1/" | head -1; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }"; }
cold=$(field image-build-cold ms)
cached=$(field image-build-cached median_ms); cached90=$(field image-build-cached p90_ms)
lw=$(field "layer-write-${threads}t" median_ms); lw1=$(field layer-write-1t median_ms); ref=$(field reference median_ms)
s1=$(field start-1-layer median_ms); s10=$(field start-10-layers median_ms)
d=$(field start-10-minus-1 median_diff_ms); dp=$(field start-10-minus-1 paired_median_diff_ms)
echo
printf '%-40s | %-28s | %-36s | %s\n' target measured reference ratio/verdict
printf '%-40s | %-28s | %-36s | %s\n' "1. cached rebuild, 10 steps, warm JVM" \
    "median $cached ms (p90 $cached90)" "target 50 ms (cold: $cold ms)" \
    "$(calc "$cached / 50") x target, $(verdict "$cached < 50")"
printf '%-40s | %-28s | %-36s | %s\n' "2. layer of a ${tree_mb} MB tree, ${threads} threads" \
    "median $lw ms" "tar|gzip -6|sha256sum $ref ms" "$(calc "$lw / $ref") x, $(verdict "$lw <= $ref")"
printf '%-40s | %-28s | %-36s | %s\n' "   (same, 1 thread: for context)" \
    "median $lw1 ms" "tar|gzip -6|sha256sum $ref ms" "$(calc "$lw1 / $ref") x"
printf '%-40s | %-28s | %-36s | %s\n' "3. start, 10 layers vs 1 layer" \
    "median $s10 ms" "1 layer: median $s1 ms" "$(calc "$d" | sed 's/^[0-9]/+&/') ms (paired $dp), $(verdict "$d <= 2")"
