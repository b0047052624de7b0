#!/usr/bin/env bash
# Makes a Java 17 runtime base image from Debian's own packages and imports it into the local dockerd,
# for machines that reach Debian's archive but no container registry:
#
#   deploy/docker/local-base.sh [tag]        (default tag: jstan-base:bookworm-jre17)
#   docker build --build-arg BASE=jstan-base:bookworm-jre17 -f deploy/docker/Dockerfile ...
#
# The root is Debian bookworm's essential set plus openjdk-17-jre-headless, passwd (useradd) and mawk (bin/jstan-cds), made
# by mmdebstrap (debootstrap when mmdebstrap is missing), without documentation, manual pages, locales
# or apt's lists. Run as root. The apt sources are the host's when it runs bookworm, else DEBIAN_MIRROR.
set -euo pipefail

tag="${1:-jstan-base:bookworm-jre17}"
suite=bookworm
packages=openjdk-17-jre-headless,passwd,mawk
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# What a JVM server never reads, removed once the packages are in (a dpkg path-exclude of these
# directories makes the unpacking of packages with translated manual pages fail).
lean='cd "$1" && rm -rf usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/locale/* usr/share/lintian/*'
lean+=' usr/share/bug/* var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/log/*'

sources=()
if grep -qs "VERSION_CODENAME=$suite" /etc/os-release && [ -z "${DEBIAN_MIRROR:-}" ] \
    && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sources=(/etc/apt/sources.list.d/debian.sources)
else
  sources=("deb $mirror $suite main" "deb $mirror $suite-updates main"
           "deb ${mirror%/debian}/debian-security $suite-security main")
fi

if command -v mmdebstrap >/dev/null 2>&1; then
  mmdebstrap --variant=essential --include="$packages" --customize-hook="$lean" \
    --format=tar "$suite" "$work/root.tar" "${sources[@]}"
  docker import "$work/root.tar" "$tag" >/dev/null
else
  root="$work/root"
  debootstrap --variant=minbase --include="${packages}" "$suite" "$root" "$mirror"
  bash -c "$lean" lean "$root"
  tar -C "$root" -c . | docker import - "$tag" >/dev/null
fi

docker image inspect --format '{{.RepoTags}} {{.Size}} bytes' "$tag"
