#!/usr/bin/env bash
# Kernel start to the first execute_reply of "1 + 1", as Jupyter sees it (jupyter_client), and the kernel's CPU
# seconds by then: the kernelspec as installed (with the build's AppCDS archive target/jailcell-kernel.jsa) next
# to the same kernelspec without it, alternating. Wall time depends on what else the CPUs do; CPU time much less.
# Usage: bench/kernel-start.sh [RUNS]   (default 5 of each)
set -euo pipefail
runs=${1:-5}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
[[ -f $repo/kernel-ext/target/jailcell-kernel.jsa ]] || mvn -q -B -ntp -f "$repo/pom.xml" -DskipTests package
work=$(mktemp -d /tmp/jailcell-kernel-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$repo/kernel-ext/bin/install-kernelspec" --prefix "$work/cds" >/dev/null
JAILCELL_KERNEL_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" \
    "$repo/kernel-ext/bin/install-kernelspec" --prefix "$work/plain" >/dev/null
cat > "$work/first_reply.py" <<'PY'
import os, statistics, sys, time
from jupyter_client.manager import KernelManager

def cpu(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

def once():
    t0 = time.monotonic()
    km = KernelManager(kernel_name="jailcell")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.execute("1 + 1")
        while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != msg_id:
            pass
        return time.monotonic() - t0, cpu(km.provisioner.process.pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

w, c = once()
print("%.3f %.3f" % (w, c))
PY
declare -A wall cpu
for ((i = 0; i < runs; i++)); do
    for spec in plain cds; do
        read -r w c < <(JUPYTER_PATH=$work/$spec/share/jupyter /usr/bin/python3 "$work/first_reply.py")
        wall[$spec]+="$w "
        cpu[$spec]+="$c "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for spec in plain cds; do
    printf '%-6s first reply: median %.2f s wall [%s], %.2f s kernel CPU [%s]\n' "$spec" \
        "$(median <<<"${wall[$spec]}")" "${wall[$spec]% }" "$(median <<<"${cpu[$spec]}")" "${cpu[$spec]% }"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
