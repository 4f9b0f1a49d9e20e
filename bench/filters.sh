#!/usr/bin/env bash
# Times the filter ops (Gaussian, EDT, closing, fill holes) against scipy.ndimage.
# Usage: bench/filters.sh [--size 512] [--threads 1,2] [--repeats 2] [--edt-size 1024] [--no-peer]
# Builds the jar through ./bonelesion if needed; heap capped at 6 GB (BENCH_HEAP to change).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/bonelesion" --help >/dev/null
jar="$(ls "$here"/target/Bone_Lesion-*.jar | grep -v -e sources -e tests | head -n 1)"
# BENCH_JAVA_OPTS: extra JVM options, e.g. "-XX:+UseParallelGC -Xmn256m" for 1024^3 (G1 wastes up to half
# of each region on 4 MB slice arrays, which does not fit 1 GB mask + 4 GB distances in 6 GB).
exec java "-Xmx${BENCH_HEAP:-6g}" ${BENCH_JAVA_OPTS:-} -cp "$jar:$(cat "$here/target/classpath.txt")" org.bonelesion.bench.FilterBenchmark \
  --peer "$here/bench/filters_peer.py" "$@"
