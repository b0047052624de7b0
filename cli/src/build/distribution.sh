#!/bin/sh
# Lays out the distribution cli/target/jstan from src/dist and the shaded jar:
#   bin/jstan, bin/jstan-cds, config/jvm.options, lib/jstan.jar
# and makes its class-data-sharing archive lib/jstan.jsa with bin/jstan-cds. Maven's package
# phase runs it after the shade plugin, with JAVA_HOME set to the Java that runs the build.
set -eu

cli=$(cd -P "$(dirname "$0")/../.." && pwd -P)
dist=$cli/target/jstan
rm -rf "$dist"
mkdir -p "$dist/lib"
cp -R "$cli/src/dist/bin" "$cli/src/dist/config" "$dist/"
chmod +x "$dist"/bin/*
cp -p "$cli/target/jstan.jar" "$dist/lib/jstan.jar"
"$dist/bin/jstan-cds"
