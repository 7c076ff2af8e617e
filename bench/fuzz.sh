#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of the parsers that read untrusted input, each target for a bounded time.
# Plain `mvn test` only replays the seeds and the stored crashes in src/test/resources/**/<Class>FuzzTestInputs/;
# this script fuzzes. A crash stops that target's run, prints the stack trace and writes the input as
# crash-<sha1> into the target's Inputs directory, where `mvn test` replays it from then on: fix the code, keep
# the file (commit it) as a regression test. The generated corpus goes to runtime/.cifuzz-corpus/ (not committed).
# Usage: bench/fuzz.sh [SECONDS_PER_TARGET] [Class#method ...]   (default 120 s, all targets below)
# A hang is a finding too: PER_INPUT_TIMEOUT (default 10s) bounds one input.
set -uo pipefail
seconds=${1:-120}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(
        DockerfileFuzzTest#parse
        ShellWordsFuzzTest#expand
        DockerIgnoreFuzzTest#matches
        ImageModelFuzzTest#manifest
        ImageModelFuzzTest#index
        ImageModelFuzzTest#config
        ImageModelFuzzTest#json
        ImageModelFuzzTest#reference
        ImageModelFuzzTest#digest
        SeccompProfileFuzzTest#parse
        TarReaderFuzzTest#readAll
        LayerApplierFuzzTest#apply
    )
fi
repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
# SKIP_COMPILE=1 when another fuzz run is going on in this tree: recompiling under it makes it fail with
# NoClassDefFoundError, which looks like a finding.
[[ -n ${SKIP_COMPILE:-} ]] || mvn -q -B -ntp -f "$repo/pom.xml" -pl runtime test-compile || exit 1
failed=()
for target in "${targets[@]}"; do
    echo "=== fuzzing $target for ${seconds}s"
    # Only one fuzz test runs per JVM in fuzzing mode; jazzer.max_duration overrides the annotation's bound.
    if ! JAZZER_FUZZ=1 mvn -B -ntp -f "$repo/pom.xml" -pl runtime surefire:test -Dtest="$target" \
            -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${seconds}s" \
            -Djunit.jupiter.execution.timeout.testtemplate.method.default="${PER_INPUT_TIMEOUT:-10s}" \
            -Djunit.jupiter.execution.timeout.mode=disabled \
            > "$repo/runtime/target/fuzz-${target//#/-}.log" 2>&1; then
        failed+=("$target")
        grep -E '^== Java Exception|^(java|io|com)\.[A-Za-z.]+(Exception|Error)|^\s+at io\.jailcell' \
            "$repo/runtime/target/fuzz-${target//#/-}.log" | head -15
    fi
    grep -E 'Done [0-9]+ runs|stat::number_of_executed_units' "$repo/runtime/target/fuzz-${target//#/-}.log" | tail -1
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "crashes in: ${failed[*]} (logs: runtime/target/fuzz-*.log; inputs: git status runtime/src/test/resources)"
    exit 1
fi
echo "no crash in ${#targets[@]} targets"
