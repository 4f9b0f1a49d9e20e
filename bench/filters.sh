#!/usr/bin/env bash
# Times the filter ops (Gaussian, EDT, closing, fill holes) against scipy.ndimage.
# Usage: bench/filters.sh [--size 512] [--threads 1,2] [--repeats 2] [--edt-size 1024] [--no-peer]
# Builds the jar through ./bonelesion if needed; heap capped at 6 GB (BENCH_HEAP to change).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/bonelesion" --help >/dev/null
jar="$(ls "$here"/target/Bone_Lesion-*.jar | grep -v -e sources -e tests | head -n 1)"
exec java "-Xmx${BENCH_HEAP:-6g}" -cp "$jar:$(cat "$here/target/classpath.txt")" org.bonelesion.bench.FilterBenchmark \
  --peer "$here/bench/filters_peer.py" "$@"
