#!/usr/bin/env bash
# What the cgroup v2 device program costs a container start. Needs root and a cgroup2 mount.
# 1. the kernel steps alone (bench/device-cost.c): mkdir of the container's cgroup2 directory, BPF_PROG_LOAD of the
#    program DeviceProgram compiles for Docker's rules, BPF_PROG_ATTACH, and the rmdir after the exit;
# 2. whole starts of `true` from a warm JVM (StartLatencyBench), alternately with JAILCELL_DEVICES=auto (on a hybrid
#    host: the v1 devices controller) and bpf (the program, in a cgroup made in the cgroup2 mount).
# Usage: bench/device-cost.sh [RUNS]   (default 200). On a shared machine, compare 1.; 2. is noisier than the cost.
set -euo pipefail
runs=${1:-200}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -f $rt/target/test-classes/io/jailcell/bench/DeviceProgramDump.class ]] \
    || mvn -q -B -ntp -o -f "$repo/pom.xml" -DskipTests test-compile package
unified=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[[ -n $unified ]] || { echo "no cgroup2 mount: nothing to attach a device program to" >&2; exit 1; }
work=$(mktemp -d /tmp/jailcell-device-cost.XXXXXX)
trap 'rm -rf "$work"; rmdir /sys/fs/cgroup/*/jailcell /sys/fs/cgroup/jailcell 2>/dev/null || true' EXIT
cp="$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*"
java -cp "$cp" io.jailcell.bench.DeviceProgramDump "$work/docker.bpf"
gcc -O2 -Wall -Wextra -o "$work/device-cost" "$repo/bench/device-cost.c"
"$work/device-cost" "$work/docker.bpf" "$unified" "$runs"
for mode in auto bpf auto bpf; do
    java -XX:+UseSerialGC -Djailcell.devices=$mode -cp "$cp" io.jailcell.bench.StartLatencyBench "$work/store" "$runs" \
        | head -1 | sed "s/^jailcell-api/jailcell-api-devices-$mode/"
done
