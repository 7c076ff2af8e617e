#!/usr/bin/env bash
# What a bridge network costs at start: jailcell with --network none, bridge, and bridge with a published port,
# warm through the API (NetworkCostBench, interleaved) and cold through the CLI, next to podman run --rm on its
# default bridge (netavark), in one run on this machine. Needs root. Usage: bench/network-latency.sh [RUNS]
set -euo pipefail
runs=${1:-30}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -f $rt/target/test-classes/io/jailcell/bench/NetworkCostBench.class ]] \
    || mvn -q -B -ntp -f "$repo/pom.xml" -DskipTests test-compile package
work=$(mktemp -d /tmp/jailcell-netbench.XXXXXX)
export JAILCELL_ROOT=$work/store
cleanup() {
    podman rmi -f localhost/jailcell-busybox >/dev/null 2>&1 || true
    "$rt/bin/jailcell" network rm jailcell >/dev/null 2>&1 || true
    rm -rf "$work"
    # podman's bridge run leaves netavark's chains behind; with no podman container left nobody uses them.
    if [[ -z $(podman ps -aq 2>/dev/null) ]]; then
        iptables -w -D FORWARD -m comment --comment "netavark firewall plugin rules" -j NETAVARK_FORWARD 2>/dev/null || true
        for hook in PREROUTING OUTPUT; do
            iptables -w -t nat -D $hook -m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT 2>/dev/null || true
        done
        iptables -w -t nat -D POSTROUTING -j NETAVARK-HOSTPORT-MASQ 2>/dev/null || true
        for c in NETAVARK-HOSTPORT-DNAT NETAVARK-HOSTPORT-MASQ NETAVARK-HOSTPORT-SETMARK; do
            iptables -w -t nat -F $c 2>/dev/null && iptables -w -t nat -X $c 2>/dev/null || true
        done
        iptables -w -F NETAVARK_FORWARD 2>/dev/null && iptables -w -X NETAVARK_FORWARD 2>/dev/null || true
    fi
}
trap cleanup EXIT
jc=("$rt/bin/jailcell" run --rm)
"${jc[@]}" --network none busybox true   # makes the busybox rootfs, extracts the helper, writes the AppCDS archive
fs=$(find "$JAILCELL_ROOT/snapshots" -mindepth 2 -maxdepth 2 -name fs | head -1)   # the busybox layer, unpacked
tar -C "$fs" -c . | podman import -q - localhost/jailcell-busybox >/dev/null

java -XX:+UseSerialGC -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
    io.jailcell.bench.NetworkCostBench "$JAILCELL_ROOT" "$runs"
# podman needs this host's empty cgroup2 mount out of the way and rlimits that fit (see start-latency.sh).
podman_cmd="podman run --rm --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 localhost/jailcell-busybox true"
unshare -m --propagation private bash -c "umount /sys/fs/cgroup/unified 2>/dev/null || true
    hyperfine -N --warmup 3 -r $runs --export-json '$work/cold.json' \
        -n podman-bridge '$podman_cmd' \
        -n jailcell-cli-none 'env JAILCELL_ROOT=$JAILCELL_ROOT ${jc[*]} --network none busybox true' \
        -n jailcell-cli-bridge 'env JAILCELL_ROOT=$JAILCELL_ROOT ${jc[*]} --network bridge busybox true' >/dev/null"
jq -r '.results[] | "\(.command) median_ms=\(.median*1000*10|round/10) min_ms=\(.min*1000*10|round/10)"' \
    "$work/cold.json"
