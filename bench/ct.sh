#!/usr/bin/env bash
# Times each stage of the ct pipeline (smoothing, threshold, labelling, compartments, Tb.Th, Tb.Sp, Euler, Ct.Th)
# on a synthetic mouse bone (and optionally a real scan), with the load average beside each figure.
# Usage: bench/ct.sh [--sizes 200,512] [--threads 1,2] [--real DIR --voxel-um UM] [--seed 101] [--repeats 1]
# Builds the jar through ./bonelesion if needed; heap capped at 6 GB (BENCH_HEAP to change).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/bonelesion" --help >/dev/null
jar="$(ls "$here"/target/Bone_Lesion-*.jar | grep -v -e sources -e tests | head -n 1)"
exec java "-Xmx${BENCH_HEAP:-6g}" ${BENCH_JAVA_OPTS:-} -cp "$jar:$(cat "$here/target/classpath.txt")" org.bonelesion.bench.CtBenchmark "$@"
