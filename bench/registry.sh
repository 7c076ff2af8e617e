#!/usr/bin/env bash
# Issue 8's performance target: pull throughput from a loopback registry at least that of
#   skopeo copy docker://... oci:...
# of the same image, in the same run. Starts Debian's docker-registry on 127.0.0.1 and a free port with storage in a
# temp dir, builds a ~MB MiB image of random data (4 layers on busybox), pushes it, then times RUNS alternate
# pulls of each into an empty store / OCI layout (jailcell in a warm JVM; skopeo as a process, as users run it).
# Everything runs on a private store (JAILCELL_ROOT) in a temp dir, removed afterwards. Needs root.
# Usage: bench/registry.sh [RUNS] [MB]   (default 7 runs of a 100 MB image)
set -euo pipefail
runs=${1:-7}
mb=${2:-100}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -f $rt/target/test-classes/io/jailcell/bench/RegistryPullBench.class ]] \
    || mvn -q -B -ntp -f "$repo/pom.xml" -pl runtime -DskipTests test-compile package

work=$(mktemp -d /tmp/jailcell-bench-registry.XXXXXX)
reg_pid=
cleanup() {
    [[ -n $reg_pid ]] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null || true
    grep -F " $work/" /proc/self/mounts | awk '{ print $2 }' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT
export JAILCELL_ROOT=$work/store
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
  secret: bench
YML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

out=$work/results.txt
java -XX:+UseSerialGC -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
    io.jailcell.bench.RegistryPullBench "$work" "127.0.0.1:$port" "$runs" "$mb" ${PARALLEL:+"$PARALLEL"} | tee "$out"

field() { grep "^$1 " "$out" | sed -E "s/.* $2=(-?[0-9.]+).*/\1/" | head -1; }
j=$(field registry-pull-jailcell median_ms); jt=$(field registry-pull-jailcell mb_per_s)
s=$(field registry-pull-skopeo median_ms); st=$(field registry-pull-skopeo mb_per_s)
echo
printf '%-44s | %-30s | %-30s | %s\n' target jailcell skopeo verdict
printf '%-44s | %-30s | %-30s | %s\n' "pull ${mb} MB from a loopback registry" "median $j ms, $jt MB/s" \
    "median $s ms, $st MB/s" "$(awk "BEGIN { print ($j <= $s) ? \"met\" : \"MISSED\" }")"
