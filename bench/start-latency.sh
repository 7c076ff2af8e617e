#!/usr/bin/env bash
# Start-to-exit latency of `true` in busybox: jailcell (warm JVM through the API, and cold through the CLI)
# next to crun, runc and podman, in one run on this machine. Needs root. Prints one line per subject and the
# ratios the README reports. Usage: bench/start-latency.sh [RUNS]   (default 50)
set -euo pipefail
runs=${1:-50}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
anchor=${ANCHOR_BENCH:-$repo/../shared/tools/anchor-bench}
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -d $rt/target/test-classes/io/jailcell/bench ]] \
    || mvn -q -B -ntp -f "$repo/pom.xml" -DskipTests test-compile package
work=$(mktemp -d /tmp/jailcell-bench.XXXXXX)
trap 'podman rmi -f localhost/jailcell-busybox >/dev/null 2>&1 || true; rm -rf "$work"; rmdir /sys/fs/cgroup/*/jailcell /sys/fs/cgroup/jailcell 2>/dev/null || true' EXIT
export JAILCELL_ROOT=$work/store
cli=("$rt/bin/jailcell" run --rm --network none busybox true)
"${cli[@]}"   # makes the busybox rootfs, extracts the helper, writes the AppCDS archive

# podman gets the very same rootfs as an image.
fs=$(find "$JAILCELL_ROOT/snapshots" -mindepth 2 -maxdepth 2 -name fs | head -1)   # the busybox layer, unpacked
tar -C "$fs" -c . | podman import -q - localhost/jailcell-busybox >/dev/null

warm() {
    java -XX:+UseSerialGC -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
        io.jailcell.bench.StartLatencyBench "$JAILCELL_ROOT" "$runs"
}
out=$work/results.txt
warm | tee -a "$out"
"$anchor" -r "$runs" -- "env JAILCELL_ROOT=$JAILCELL_ROOT ${cli[*]}" | sed 's/^cmd /jailcell-cli-cold /' | tee -a "$out"
warm | sed 's/^jailcell-api/jailcell-api-again/' | tee -a "$out"
# podman (crun underneath) refuses this host's hybrid cgroup layout and its default rlimits exceed the hard
# limits here: run both in a private mount namespace without the empty cgroup2 mount (as anchor-bench does),
# with limits that fit.
podman_cmd="podman run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/jailcell-busybox true"
unshare -m --propagation private bash -c "umount /sys/fs/cgroup/unified 2>/dev/null || true
    hyperfine -N --warmup 3 -r $((runs / 2 > 10 ? runs / 2 : 10)) --export-json '$work/podman.json' \
        -n podman '$podman_cmd' -n jailcell-cli-cold 'env JAILCELL_ROOT=$JAILCELL_ROOT ${cli[*]}' >/dev/null"
jq -r '.results[] | "\(.command)-vs-podman median_ms=\(.median*1000*100|round/100) mean_ms=\(.mean*1000*100|round/100) min_ms=\(.min*1000*100|round/100)"' \
    "$work/podman.json" | tee -a "$out"

median() { grep "^$1 " "$out" | sed -E 's/.*median_ms=([0-9.]+).*/\1/' | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
api=$(median jailcell-api); api2=$(median jailcell-api-again); crun=$(median crun); runc=$(median runc)
pod=$(median podman-vs-podman); cold=$(median jailcell-cli-cold-vs-podman)
echo "ratio jailcell-api/crun=$(ratio "$api" "$crun") (again: $(ratio "$api2" "$crun")) jailcell-api/runc=$(ratio "$api" "$runc")"
echo "ratio jailcell-cli-cold/podman=$(ratio "$cold" "$pod")"
