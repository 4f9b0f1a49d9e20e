#!/usr/bin/env bash
# Speed benchmarks, each timing our code and (where one exists) its Python peer on the same data.
#   bench/run.sh filters     [--size 512] [--threads 1,2] [--repeats 2] [--edt-size 1024] [--no-peer]
#   bench/run.sh labelcolour [--size 512] [--rgb 4000] [--repeats 3] [--big]
#   bench/run.sh ct          [--sizes 200,512] [--threads 1,2] [--real DIR --voxel-um UM]
#   bench/run.sh lesions     (see LesionBenchmark's Javadoc for options)
#   bench/run.sh histo       (HistoBenchmark: a 20000 x 15000 tissue section)
#   bench/run.sh tiff        (TiffReadBenchmark: a 2 GB TIFF stack in /tmp, deleted afterwards)
# Heap: BENCH_HEAP (default 8g); more JVM options: BENCH_JAVA_OPTS. Figures: README and docs/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
name="${1:-}"; shift || true
case "$name" in
  filters) cls=FilterBenchmark; set -- --peer "$here/bench/filters_peer.py" "$@" ;;
  labelcolour) cls=LabelColourBenchmark ;;
  ct) cls=CtBenchmark ;;
  lesions) cls=LesionBenchmark ;;
  histo) cls=HistoBenchmark ;;
  tiff) cls=TiffReadBenchmark ;;
  *) echo "usage: bench/run.sh filters|labelcolour|ct|lesions|histo|tiff [options]" >&2; exit 2 ;;
esac
"$here/bonelesion" --version >/dev/null
[ -d target/test-classes/org/bonelesion/bench ] || mvn -q -B -o test-compile >/dev/null
jar="$(ls "$here"/target/Bone_Lesion-*.jar | grep -v -e sources -e tests | head -n 1)"
exec java "-Xmx${BENCH_HEAP:-8g}" ${BENCH_JAVA_OPTS:-} -Djava.awt.headless=true \
  -cp "$jar:$here/target/test-classes:$(cat "$here/target/classpath.txt")" "org.bonelesion.bench.$cls" "$@"
