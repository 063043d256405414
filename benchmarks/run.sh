#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them, times the same cases in PyTorch, and prints the Kiln/PyTorch table.
#
#   benchmarks/run.sh            full run (JMH: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement; about 6 minutes)
#   benchmarks/run.sh --smoke    checks the pipeline in about 2 minutes (numbers not meaningful)
#   benchmarks/run.sh -- REGEX   only the JMH benchmarks matching REGEX (any JMH options may follow --);
#                                PyTorch then times only the cases JMH ran
#
# Results go to benchmarks/target/results/: jmh.json, pytorch.json and table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=benchmarks/target/results

jmh_args=()
torch_args=()
if [[ "${1:-}" == "--smoke" ]]; then
  jmh_args=(-wi 1 -w 200ms -i 2 -r 300ms)
  torch_args=(--quick)
  shift
fi
[[ "${1:-}" == "--" ]] && shift
jmh_args+=("$@")

mvn -q -o package -pl benchmarks -am -DskipTests
mkdir -p "$OUT"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar \
  -rf json -rff "$OUT/jmh.json" "${jmh_args[@]}"
"$PYTHON" benchmarks/pytorch_bench.py "${torch_args[@]}" --like "$OUT/jmh.json" --out "$OUT/pytorch.json"
"$PYTHON" benchmarks/compare.py "$OUT/jmh.json" "$OUT/pytorch.json" --markdown > "$OUT/table.md"
echo
echo "Median time per call; Kiln/PyTorch < 1 means Kiln is faster ($(date -u +%F), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$PYTHON" benchmarks/compare.py "$OUT/jmh.json" "$OUT/pytorch.json"
