#!/usr/bin/env bash
# Start-to-exit latency of `true` in busybox: jailcell (warm JVM through the API, and cold through the CLI) next to
# crun, runc and podman, on this machine. Needs root. This VM's speed drifts by tens of percent within minutes, so
# the subjects take turns: ROUNDS rounds, each timing the API (RUNS starts in a fresh warm JVM), then crun and runc
# (anchor-bench, RUNS each), then the cold CLI and podman (hyperfine, RUNS/2 each). Every round's medians are printed;
# the summary gives the median over the rounds of each subject and of each round's ratio.
# Usage: bench/start-latency.sh [RUNS] [ROUNDS]   (default 40 and 5)
set -euo pipefail
runs=${1:-40}
rounds=${2:-5}
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
# podman (crun underneath) refuses this host's hybrid cgroup layout and its default rlimits exceed the hard limits
# here: it runs in a private mount namespace without the empty cgroup2 mount (as anchor-bench does), with limits that
# fit.
podman_cmd="podman run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/jailcell-busybox true"
cold_runs=$((runs / 2 > 10 ? runs / 2 : 10))

out=$work/results.txt
# Before each subject: a pause for the kernel's deferred work of the one before (dozens of network namespaces and
# cgroups torn down in the background), which would otherwise land on whoever runs next.
settle() { sleep "${SETTLE_SECONDS:-3}"; }
for round in $(seq 1 "$rounds"); do
    settle
    java -XX:+UseSerialGC -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
        io.jailcell.bench.StartLatencyBench "$JAILCELL_ROOT" "$runs" | sed "s/^/round=$round /" | tee -a "$out"
    settle
    "$anchor" -r "$runs" | sed "s/^/round=$round /" | tee -a "$out"
    settle
    unshare -m --propagation private bash -c "umount /sys/fs/cgroup/unified 2>/dev/null || true
        hyperfine -N --warmup 3 -r $cold_runs --export-json '$work/cold.json' \
            -n podman '$podman_cmd' -n jailcell-cli-cold 'env JAILCELL_ROOT=$JAILCELL_ROOT ${cli[*]}' >/dev/null"
    jq -r '.results[] | "\(.command) median_ms=\(.median*1000*100|round/100) mean_ms=\(.mean*1000*100|round/100) min_ms=\(.min*1000*100|round/100)"' \
        "$work/cold.json" | sed "s/^/round=$round /" | tee -a "$out"
done

# The median over rounds of a subject's round medians, and of a per-round ratio a/b.
median_of() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
medians() { grep " $1 " "$out" | sed -E 's/.*median_ms=([0-9.]+).*/\1/'; }
ratios() { paste <(medians "$1") <(medians "$2") | awk '{ printf "%.3f\n", $1 / $2 }'; }
echo "summary over $rounds rounds (median of the round medians):"
for s in jailcell-api crun runc jailcell-cli-cold podman; do
    echo "  $s median_ms=$(medians "$s" | median_of) rounds: $(medians "$s" | tr '\n' ' ')"
done
grep -m1 "helper-rss" "$out" | sed 's/^round=[0-9]* /  /'
echo "  ratio jailcell-api/crun=$(ratios jailcell-api crun | median_of) rounds: $(ratios jailcell-api crun | tr '\n' ' ')"
echo "  ratio jailcell-api/runc=$(ratios jailcell-api runc | median_of)"
echo "  ratio jailcell-cli-cold/podman=$(ratios jailcell-cli-cold podman | median_of) rounds: $(ratios jailcell-cli-cold podman | tr '\n' ' ')"
