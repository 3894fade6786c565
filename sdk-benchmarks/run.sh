#!/usr/bin/env bash
# Runs every sdk-benchmarks figure in a few minutes on 2 cores and writes sdk-benchmarks/RESULTS.md.
#
#   sdk-benchmarks/run.sh            # build, run everything, write RESULTS.md (~7 minutes)
#   OFFLINE=1 sdk-benchmarks/run.sh  # same, with mvn -o
#
# What it does, in order:
#   1. builds the module and what it needs (mvn package, tests skipped), the shaded
#      target/benchmarks.jar, and the runtime classpaths of sdk-retrofit and of the peer SDK;
#   2. starts the loopback server as its own process (so its threads and allocations are not in the
#      client JVM's figures), bound to 127.0.0.1, stopping by itself after an hour at most;
#   3. runs JMH (forks 1, short warmup and measurement, same settings for every contender):
#      launch average time on 1 thread with -prof gc, launch throughput on 16 threads, and the
#      codec (serialization alone) average time with -prof gc. Each launch figure is measured in
#      two passes, raw-flowexec-peer then peer-flowexec-raw, one JMH run per contender, and the
#      passes' iterations are pooled: a machine that gets busier or quieter during the run then
#      does not favour whichever contender JMH would run last;
#   4. times the first launch from JVM start, this SDK vs the peer, each on its own runtime
#      classpath, one discarded run each then FIRST_LAUNCH_RUNS runs each, alternating;
#   5. writes RESULTS.md (ratios to raw, targets met or missed) from all of the above.
# JMH's JSON output goes to sdk-benchmarks/jmh-*.json (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
cd "$ROOT"

# JMH settings: explicit, identical for all contenders. Override from the environment if needed.
# Warmups are long enough for the JIT to finish on a busy 2-core machine: with 16 threads the
# compiler threads get little CPU, and a contender with more code (ours: Retrofit, Moshi, the
# client) needs ~20 s to reach its plateau where raw OkHttp needs ~10 s. Shorter warmups would
# measure the JIT, not the SDK; time to first launch is measured separately.
FORKS="${FORKS:-1}"
AVGT_WARMUP_ITERATIONS="${AVGT_WARMUP_ITERATIONS:-8}"
THRPT_WARMUP_ITERATIONS="${THRPT_WARMUP_ITERATIONS:-10}"
CODEC_WARMUP_ITERATIONS="${CODEC_WARMUP_ITERATIONS:-3}"
# The integrations compare three clients whose differences are small: each variant gets 2 forks
# (a fresh JIT each) and 15 warmup iterations, enough for the OpenTelemetry SDK's extra code to
# reach its plateau (8 were not: its measured iterations were still falling), and 5 iterations.
INTEGRATIONS_FORKS="${INTEGRATIONS_FORKS:-2}"
INTEGRATIONS_WARMUP_ITERATIONS="${INTEGRATIONS_WARMUP_ITERATIONS:-15}"
INTEGRATIONS_ITERATIONS="${INTEGRATIONS_ITERATIONS:-5}"
WARMUP_TIME="${WARMUP_TIME:-2s}"
ITERATIONS="${ITERATIONS:-3}"  # per pass; 2 passes per launch figure
ITERATION_TIME="${ITERATION_TIME:-2s}"
THROUGHPUT_THREADS="${THROUGHPUT_THREADS:-16}"
SERVER_THREADS="${SERVER_THREADS:-4}"
FIRST_LAUNCH_RUNS="${FIRST_LAUNCH_RUNS:-5}"
JMH_HEAP="${JMH_HEAP:--Xms1g -Xmx1g}"

MVN=(mvn -B -q)
if [[ -n "${OFFLINE:-}" ]]; then MVN+=(-o); fi
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath

WORK="$HERE/target/run"
rm -rf "$WORK"
mkdir -p "$WORK"
log() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# 1. Build. dependency:build-classpath writes each module's runtime classpath to its target/.
log "building (mvn package, tests skipped)"
rm -f sdk-core/target/runtime-classpath.txt sdk-retrofit/target/runtime-classpath.txt
"${MVN[@]}" -pl sdk-benchmarks -am package "$DEP_PLUGIN" -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
"${MVN[@]}" -f sdk-benchmarks/peer-footprint/pom.xml "$DEP_PLUGIN" \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt

JAR="$HERE/target/benchmarks.jar"
CORE_JAR="$(ls sdk-core/target/sdk-core-*.jar | grep -v -e sources -e javadoc | head -1)"
RETROFIT_JAR="$(ls sdk-retrofit/target/sdk-retrofit-*.jar | grep -v -e sources -e javadoc | head -1)"
OURS_CP="$RETROFIT_JAR:$(cat sdk-retrofit/target/runtime-classpath.txt)"
PEER_CP="$(cat sdk-benchmarks/peer-footprint/target/runtime-classpath.txt)"

# Footprint: jars and bytes of each runtime classpath (the library's own jar included).
footprint() { # name classpath
  local n=0 bytes=0 f
  IFS=':' read -r -a files <<< "$2"
  for f in "${files[@]}"; do
    [[ -f "$f" ]] || { echo "missing classpath entry $f" >&2; exit 1; }
    n=$((n + 1)); bytes=$((bytes + $(stat -c %s "$f")))
  done
  echo "$1 $n $bytes"
}
{
  footprint sdk-retrofit "$OURS_CP"
  footprint peer "$PEER_CP"
  echo "sdk-core-jar 1 $(stat -c %s "$CORE_JAR")"
} > "$WORK/footprint.txt"

# 2. The server: JDK HttpServer, TCP_NODELAY, fixed pool, its own JVM on the module's classes only.
java -cp "$HERE/target/classes" dev.flowexec.bench.LoopbackServer \
  --threads "$SERVER_THREADS" --url-file "$WORK/server-url" --max-seconds 3600 \
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [[ -s "$WORK/server-url" ]] && break; sleep 0.1; done
BASE_URL="$(cat "$WORK/server-url")"
log "server pid $SERVER_PID at $BASE_URL"

# 3. JMH. The machine is shared: wait (up to QUIET_WAIT seconds) for the 1-minute load average to
#    fall below QUIET_LOAD, then go on regardless; RESULTS.md records the load before and after.
QUIET_WAIT="${QUIET_WAIT:-180}"
QUIET_LOAD="${QUIET_LOAD:-$(nproc)}"
waited=0
while (( waited < QUIET_WAIT )) && ! awk -v max="$QUIET_LOAD" '{ exit !($1 < max) }' /proc/loadavg; do
  (( waited == 0 )) && log "load $(cut -d' ' -f1 /proc/loadavg) >= $QUIET_LOAD: waiting up to ${QUIET_WAIT}s"
  sleep 5; waited=$((waited + 5))
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
JMH_COMMON=(-w "$WARMUP_TIME" -r "$ITERATION_TIME"
  -jvmArgsAppend "$JMH_HEAP -Dflowexec.bench.baseUrl=$BASE_URL" -rf json)
run_jmh() { # name, then JMH arguments
  local name=$1; shift
  log "JMH $name: $*"
  java -jar "$JAR" "$@" "${JMH_COMMON[@]}" -rff "$HERE/jmh-$name.json" > "$WORK/jmh-$name.log" 2>&1 \
    || { tail -50 "$WORK/jmh-$name.log" >&2; exit 1; }
  sed -n '/^Benchmark /,$p' "$WORK/jmh-$name.log" >&2
}
rm -f "$HERE"/jmh-*.json
for pass in 1 2; do
  order=(raw flowexec peer)
  if (( pass == 2 )); then order=(peer flowexec raw); fi
  for c in "${order[@]}"; do
    run_jmh "launch-avgt-$pass-$c" "LaunchBenchmark.$c\$" -bm avgt -tu us -t 1 -prof gc \
      -wi "$AVGT_WARMUP_ITERATIONS" -f "$FORKS" -i "$ITERATIONS"
  done
done
for pass in 1 2; do
  order=(raw flowexec peer)
  if (( pass == 2 )); then order=(peer flowexec raw); fi
  for c in "${order[@]}"; do
    run_jmh "launch-thrpt-$pass-$c" "LaunchBenchmark.$c\$" -bm thrpt -tu s -t "$THROUGHPUT_THREADS" \
      -wi "$THRPT_WARMUP_ITERATIONS" -f "$FORKS" -i "$ITERATIONS"
  done
done
run_jmh codec 'CodecBenchmark' -bm avgt -tu ns -t 1 -prof gc -wi "$CODEC_WARMUP_ITERATIONS" \
  -f "$FORKS" -i "$ITERATIONS"
# The integrations (logging off, Micrometer, OpenTelemetry): one JMH run, so that their ratios
# over "plain" come from the same run.
run_jmh integrations 'IntegrationsBenchmark' -bm avgt -tu us -t 1 -prof gc \
  -wi "$INTEGRATIONS_WARMUP_ITERATIONS" -i "$INTEGRATIONS_ITERATIONS" -f "$INTEGRATIONS_FORKS"

# 4. Time to first launch: a fresh JVM per run, each contender on its own runtime classpath (not
#    the shaded jar, which holds both), default JVM flags. The first run of each is discarded
#    (it warms the OS page cache for the jars); the rest alternate between contenders.
first_launch() { # contender main classpath
  local start end line
  start=$(date +%s%3N)
  line="$(java -cp "$HERE/target/classes:$3" "$2" "$BASE_URL" 2>>"$WORK/first-launch.err" \
    | grep '^first_launch ')"
  end=$(date +%s%3N)
  echo "$line wall_ms=$((end - start))"
}
log "time to first launch: 1 discarded + $FIRST_LAUNCH_RUNS runs each"
first_launch flowexec dev.flowexec.bench.FirstLaunchFlowexec "$OURS_CP" > /dev/null
first_launch peer dev.flowexec.bench.FirstLaunchPeer "$PEER_CP" > /dev/null
for _ in $(seq 1 "$FIRST_LAUNCH_RUNS"); do
  first_launch flowexec dev.flowexec.bench.FirstLaunchFlowexec "$OURS_CP"
  first_launch peer dev.flowexec.bench.FirstLaunchPeer "$PEER_CP"
done | tee "$WORK/first-launch.txt" >&2

# 5. The report.
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
cat > "$WORK/settings.properties" <<EOF
loadBefore=$LOAD_BEFORE
loadAfter=$LOAD_AFTER
forks=$FORKS
avgtWarmupIterations=$AVGT_WARMUP_ITERATIONS
thrptWarmupIterations=$THRPT_WARMUP_ITERATIONS
codecWarmupIterations=$CODEC_WARMUP_ITERATIONS
warmupTime=$WARMUP_TIME
iterations=$ITERATIONS
passes=2
iterationTime=$ITERATION_TIME
throughputThreads=$THROUGHPUT_THREADS
serverThreads=$SERVER_THREADS
firstLaunchRuns=$FIRST_LAUNCH_RUNS
integrationsForks=$INTEGRATIONS_FORKS
integrationsWarmupIterations=$INTEGRATIONS_WARMUP_ITERATIONS
integrationsIterations=$INTEGRATIONS_ITERATIONS
jmhHeap=$JMH_HEAP
EOF
java -cp "$JAR" dev.flowexec.bench.ResultsReport "$WORK" "$HERE" "$HERE/RESULTS.md"
# Before-and-after figures of the profiling work, and its analysis, travel with every run.
{ printf '\n'; sed 's/^#/##/' "$HERE/PROFILING.md"; } >> "$HERE/RESULTS.md"
log "wrote $HERE/RESULTS.md"
