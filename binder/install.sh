#!/usr/bin/env bash
# The Binder image's install steps, in two parts. binder/Dockerfile runs them, and so does the test suite
# (BinderIT, in kernel-ext) on the CI machine, so that a broken step fails the build rather than a student's Binder.
#
#   binder/install.sh root   as root: the Debian packages below, and the notebook user (NB_USER, uid NB_UID)
#                            unless it exists
#   binder/install.sh user   as the notebook user, not root: builds jailcell in this repository and installs the
#                            jailcell kernel for that user (~/.local/share/jupyter/kernels/jailcell), then checks
#                            that Jupyter lists it
#
# Environment: NB_USER and NB_UID (repo2docker's build arguments; default jovyan and 1000), JAILCELL_MVN_ARGS
# (Maven's options for the build; default -B -ntp; the test adds -o and a scratch -Dmaven.repo.local).
set -euo pipefail

repo=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
NB_USER=${NB_USER:-jovyan}
NB_UID=${NB_UID:-1000}

packages=(
    # build: a JDK, Maven, and a C compiler with the static C library for the native helper
    openjdk-17-jdk-headless maven gcc libc6-dev libseccomp-dev
    # the notebooks: Jupyter's classic server, nbconvert (to run a notebook headless)
    jupyter-notebook jupyter-nbconvert python3-nbclient
    # what containers use: the busybox image comes from busybox-static; CNI plugins; newuidmap; setpriv, unshare
    busybox-static containernetworking-plugins uidmap util-linux iproute2 procps ca-certificates
)

die() {
    echo "binder/install.sh: $*" >&2
    exit 1
}

root_part() {
    ((EUID == 0)) || die "the root part installs packages: run it as root (the Dockerfile runs it before USER)"
    local missing=() pkg status
    for pkg in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
        [[ $status == ii* ]] || missing+=("$pkg")
    done
    # Only what is missing: on a machine that has them all (CI), apt-get must not upgrade anything.
    if ((${#missing[@]})); then
        echo "binder: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        echo "binder: all ${#packages[@]} packages are installed"
    fi
    if ! id -u "$NB_USER" >/dev/null 2>&1; then
        useradd --create-home --uid "$NB_UID" --shell /bin/bash --comment "Binder user" "$NB_USER"
        echo "binder: created user $NB_USER (uid $NB_UID)"
    fi
    [[ $(id -u "$NB_USER") == "$NB_UID" ]] || die "user $NB_USER has uid $(id -u "$NB_USER"), not NB_UID=$NB_UID"
}

user_part() {
    # Binder runs the notebooks unprivileged: building and installing as root would hide a step that needs root.
    ((EUID != 0)) || die "the user part runs as the notebook user, not as root (the Dockerfile runs it after USER)"
    [[ -w $repo ]] || die "$repo is not writable by $(id -un): the build writes runtime/target and kernel-ext/target"
    cd "$repo"
    # shellcheck disable=SC2086  # JAILCELL_MVN_ARGS is a list of options
    mvn ${JAILCELL_MVN_ARGS:--B -ntp} -DskipTests package
    runtime/bin/jailcell kernel install --user
    local listed
    listed=$(jupyter kernelspec list)
    grep -Eq '^[[:space:]]+jailcell[[:space:]]' <<<"$listed" \
        || die "jupyter kernelspec list does not show jailcell after the install:"$'\n'"$listed"
    echo "binder: the jailcell kernel is installed for $(id -un); the tutorials are in $repo/notebooks"
}

case "${1:-}" in
    root) root_part ;;
    user) user_part ;;
    *) die "usage: binder/install.sh root|user (root: packages and the user; user: build and kernel)" ;;
esac
