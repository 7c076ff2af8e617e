#!/usr/bin/env bash
# The soak of issue 9: COUNT containers (default 1000) with cgroup limits, PARALLEL at a time (default 4), each
# started, exec'd into and removed, on a private store; prints the time, the JVM's heap after GC and its open fds
# before and after, then checks the host for leftovers (mounts, cgroups, container dirs). As root.
#   bench/soak.sh [COUNT] [PARALLEL] [NETWORK]
set -euo pipefail
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
count=${1:-1000}
parallel=${2:-4}
network=${3:-}
if [[ ! -f $repo/runtime/target/test-classes/io/jailcell/soak/Soak.class ]]; then
    mvn -q -B -o -f "$repo/pom.xml" -pl runtime -DskipTests package test-compile
fi
store=$(mktemp -d /tmp/jailcell-soak.XXXXXX)
trap 'rm -rf --one-file-system "$store"' EXIT
cp="$repo/runtime/target/test-classes:$repo/runtime/target/classes:$repo/runtime/target/lib/*"
java -cp "$cp" io.jailcell.soak.Soak "$store" "$count" "$parallel" ${network:+"$network"}
mounts=$(grep -c "$store" /proc/self/mountinfo || true)
key=$(python3 -c "import zlib,sys; print('%08x' % (zlib.crc32(sys.argv[1].encode()) & 0xffffffff))" "$(realpath "$store")")
cgroups=$(find /sys/fs/cgroup -maxdepth 3 -type d -path "*/jailcell/$key-*" 2>/dev/null | wc -l)
containers=$(find "$store/containers" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
echo "left over: $mounts mounts, $cgroups cgroups, $containers container directories"
