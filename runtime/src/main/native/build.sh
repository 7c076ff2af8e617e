#!/bin/sh
# Builds the static native launch helper and records its sha256.
# Called by Maven (exec-maven-plugin, phase generate-resources) as:
#   sh src/main/native/build.sh <source.c> <output-dir>
# Output: <output-dir>/jailcell-helper and <output-dir>/jailcell-helper.sha256
# (64 lowercase hex chars, no newline). POSIX sh: Debian runs this with dash.
set -eu

src=${1:-src/main/native/jailcell-helper.c}
out=${2:-target/classes/io/jailcell/native}
cc=${CC:-gcc}

die() {
    echo "" >&2
    echo "jailcell native build: ERROR: $*" >&2
    echo "" >&2
    exit 1
}

command -v "$cc" >/dev/null 2>&1 \
    || die "C compiler '$cc' not found. Install it: apt-get install gcc libc6-dev"

# gcc prints just "libc.a" when it cannot find the static C library.
libc_a=$("$cc" -print-file-name=libc.a 2>/dev/null || true)
case "$libc_a" in
    /*) [ -f "$libc_a" ] || libc_a= ;;
    *) libc_a= ;;
esac
[ -n "$libc_a" ] \
    || die "static C library (libc.a) not found; the helper is linked with -static. Install it: apt-get install libc6-dev"

[ -f "$src" ] || die "helper source not found: $src"

mkdir -p "$out"
bin="$out/jailcell-helper"
tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT

"$cc" -O2 -Wall -Wextra -Werror -static -o "$tmp" "$src" -lseccomp \
    || die "compiling $src failed (see the compiler output above). If headers or libseccomp.a are missing, install: apt-get install libc6-dev libseccomp-dev"
mv -f "$tmp" "$bin"
chmod 0755 "$bin"

sum=$(sha256sum "$bin") || die "sha256sum failed (package coreutils)"
sum=${sum%% *}
[ ${#sum} -eq 64 ] || die "unexpected sha256sum output: $sum"
printf '%s' "$sum" > "$out/jailcell-helper.sha256"
echo "jailcell native build: $bin sha256=$sum"
