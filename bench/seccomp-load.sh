#!/usr/bin/env bash
# What loading the default seccomp program costs a container start: Docker's default profile, resolved as
# containers get it, compiled by libseccomp as a linear chain (its default) and as a binary tree (what the helper
# emits), each loaded in a fresh child next to a child that loads nothing (bench/seccomp-load.c). Needs libseccomp-dev.
# Usage: bench/seccomp-load.sh [RUNS]   (default 500)
set -euo pipefail
runs=${1:-500}
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
rt=$repo/runtime
[[ -f $rt/target/jailcell-runtime.jar && -f $rt/target/test-classes/io/jailcell/linux/helper/SeccompRulesDump.class ]] \
    || mvn -q -B -ntp -o -f "$repo/pom.xml" -DskipTests test-compile package
work=$(mktemp -d /tmp/jailcell-seccomp-load.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -cp "$rt/target/test-classes:$rt/target/jailcell-runtime.jar:$rt/target/lib/*" \
    io.jailcell.linux.helper.SeccompRulesDump "$work/rules"
gcc -O2 -Wall -Wextra -o "$work/seccomp-load" "$repo/bench/seccomp-load.c" -lseccomp
"$work/seccomp-load" "$work/rules" "$runs"
