#!/usr/bin/env bash
# jailcell's main job on a fresh Debian machine (as root, or rootless with sudo for the packages):
# install what it needs, build, show what this host allows, and run a first container.
set -euo pipefail
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
"$repo/.ci/install-packages"
mvn -q -B -ntp -f "$repo/pom.xml" -DskipTests package
jailcell="$repo/runtime/bin/jailcell"
"$jailcell" info
echo
echo "\$ jailcell run --rm --hostname first busybox sh -c 'echo hello from PID \$\$ on \$(hostname); ps'"
exec "$jailcell" run --rm --hostname first busybox sh -c 'echo hello from PID $$ on $(hostname); ps'
