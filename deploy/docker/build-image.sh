#!/usr/bin/env bash
# Builds the jstan image from the distribution that `mvn package` made (cli/target/jstan):
#
#   deploy/docker/build-image.sh [tag] [base]      (defaults: jstan:latest, eclipse-temurin:17-jre)
#
# With no registry in reach, pass `local` as the base: the image local-base.sh makes from Debian's
# packages, made first when the local dockerd does not have it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tag="${1:-jstan:latest}"
base="${2:-eclipse-temurin:17-jre}"
distribution="$here/../../cli/target/jstan"
[ -x "$distribution/bin/jstan" ] || { echo "build-image.sh: $distribution is missing: run mvn package first" >&2; exit 1; }

if [ "$base" = local ]; then
  base=jstan-base:bookworm-jre17
  docker image inspect "$base" >/dev/null 2>&1 || "$here/local-base.sh" "$base"
fi

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$here/Dockerfile" "$context/"
# Its archive fits only the jar's place here: the image makes its own.
mkdir -p "$context/jstan/lib"
cp -R "$distribution/bin" "$distribution/config" "$context/jstan/"
cp "$distribution/lib/jstan.jar" "$context/jstan/lib/"
previous="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
# The classic builder: Debian's docker.io has no BuildKit client (buildx).
DOCKER_BUILDKIT=0 docker build --quiet --build-arg "BASE=$base" --tag "$tag" "$context" >/dev/null
# The image the tag named before, when no other name is left to it: removed, unless a container uses it
# (with the vfs storage driver every image is a full copy of its layers).
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$tag")" ] \
    && [ "$(docker image inspect --format '{{len .RepoTags}}' "$previous" 2>/dev/null)" = 0 ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
docker image inspect --format '{{.RepoTags}} {{.Size}} bytes' "$tag"
