#!/usr/bin/env bash
# jailcell's main job on a fresh Debian machine (as root, or rootless with sudo for the packages): install what
# it needs, build, show what this host allows, run a first container, then open the tutorial notebooks in Jupyter
# on the jailcell kernel.
set -euo pipefail
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
"$repo/.ci/install-packages"
mvn -q -B -ntp -f "$repo/pom.xml" -DskipTests install
jailcell="$repo/runtime/bin/jailcell"
"$jailcell" info
echo
echo "\$ jailcell run --rm --hostname first busybox sh -c 'echo hello from PID \$\$ on \$(hostname); ps'"
"$jailcell" run --rm --hostname first busybox sh -c 'echo hello from PID $$ on $(hostname); ps'
echo
if ((EUID == 0)); then
    "$jailcell" kernel install
    exec jupyter notebook --allow-root --notebook-dir="$repo/notebooks"
else
    "$jailcell" kernel install --user
    exec jupyter notebook --notebook-dir="$repo/notebooks"
fi
