#!/usr/bin/env bash
# The soak of issue 9: COUNT containers (default 1000) with cgroup limits (32 MiB, 0.5 CPU, 32 pids), PARALLEL at a
# time (default 4), on NETWORK (default bridge: the store's default CNI network; or none), each started, exec'd
# into and removed, on a private store. Prints the time, the JVM's heap after GC and its open fds before and after,
# what the store had on the host before and after (mounts, cgroups, veths, iptables rules, /run/netns, CNI leases,
# state files, helper processes; Soak checks these and exits 1 on a leak), then, after the network is removed too,
# the host-wide counts before and after. As root.
#   bench/soak.sh [COUNT] [PARALLEL] [NETWORK]
set -euo pipefail
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
count=${1:-1000}
parallel=${2:-4}
network=${3:-bridge}
if [[ ! -f $repo/runtime/target/test-classes/io/jailcell/soak/Soak.class ]]; then
    mvn -q -B -o -f "$repo/pom.xml" -pl runtime -DskipTests package test-compile
fi
store=$(mktemp -d /tmp/jailcell-soak.XXXXXX)
trap 'rm -rf --one-file-system "$store"' EXIT

# Host-wide: other stores on this host change these too, so they are reported, not judged.
host_state() {
    printf 'veths %s, iptables rules nat %s filter %s (CNI- or jailcell-named %s), /run/netns %s, /var/lib/cni leases %s\n' \
        "$(ip -o link show type veth | wc -l)" "$(iptables -w -t nat -S | wc -l)" "$(iptables -w -S | wc -l)" \
        "$( (iptables -w -t nat -S; iptables -w -S) | grep -ciE 'cni-|jailcell' || true)" \
        "$(find /run/netns -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" \
        "$(find /var/lib/cni/networks -type f ! -name lock ! -name 'last_reserved_ip*' 2>/dev/null | wc -l)"
}
before=$(host_state)
cp="$repo/runtime/target/test-classes:$repo/runtime/target/classes:$repo/runtime/target/lib/*"
rc=0
java -cp "$cp" io.jailcell.soak.Soak "$store" "$count" "$parallel" "$network" || rc=$?
mounts=$(grep -c "$store" /proc/self/mountinfo || true)
key=$(python3 -c "import zlib,sys; print('%08x' % (zlib.crc32(sys.argv[1].encode()) & 0xffffffff))" "$(realpath "$store")")
cgroups=$( (find /sys/fs/cgroup -maxdepth 3 -type d -path "*/jailcell/$key-*" 2>/dev/null || true) | wc -l)
containers=$( (find "$store/containers" -mindepth 1 -maxdepth 1 2>/dev/null || true) | wc -l)
leases=$( (find "$store/networks/ipam" -type f ! -name lock ! -name 'last_reserved_ip*' 2>/dev/null || true) | wc -l)
helpers=$( (find /proc -maxdepth 2 -name exe -lname "$store/*" 2>/dev/null || true) | wc -l)
echo "left over in the store: $mounts mounts, $cgroups cgroups, $containers container directories, $leases leases, $helpers helpers"
echo "host before: $before"
echo "host after:  $(host_state)"
exit "$rc"
