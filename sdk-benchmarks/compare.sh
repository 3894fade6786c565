#!/usr/bin/env bash
# A/B of two builds of sdk-benchmarks on one loopback server: LaunchBenchmark raw and flowexec,
# alternating old, new, old, new, so that a machine getting busier or quieter favours neither.
#
#   git worktree add --detach /tmp/base <commit> && (cd /tmp/base && mvn -q -pl sdk-benchmarks -am package -DskipTests)
#   mvn -q -pl sdk-benchmarks -am package -DskipTests
#   sdk-benchmarks/compare.sh /tmp/base/sdk-benchmarks/target/benchmarks.jar sdk-benchmarks/target/benchmarks.jar
#
# Prints each run's time and gc.alloc.rate.norm; JMH's logs and JSON go to target/compare/.
set -euo pipefail
OLD="$(realpath "$1")"
NEW="$(realpath "$2")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/target/compare"
rm -rf "$OUT" && mkdir -p "$OUT"
java -cp "$HERE/target/classes" dev.flowexec.bench.LoopbackServer --threads 4 \
  --url-file "$OUT/url" --max-seconds 1800 > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [[ -s "$OUT/url" ]] && break; sleep 0.1; done
URL="$(cat "$OUT/url")"
for pass in 1 2; do
  for build in old new; do
    jar="$OLD"; [[ $build == new ]] && jar="$NEW"
    java -jar "$jar" 'LaunchBenchmark.(raw|flowexec)$' -bm avgt -tu us -t 1 -prof gc \
      -f 1 -wi 8 -i 4 -w 2s -r 2s -jvmArgsAppend "-Xms1g -Xmx1g -Dflowexec.bench.baseUrl=$URL" \
      -rf json -rff "$OUT/$build-$pass.json" > "$OUT/$build-$pass.log" 2>&1
    grep -E '^LaunchBenchmark.(raw|flowexec)(:gc.alloc.rate.norm)? ' "$OUT/$build-$pass.log" \
      | sed "s/^/$build-$pass /"
  done
done
