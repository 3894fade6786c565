package dev.flowexec.bench;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Writes RESULTS.md from what run.sh collected: JMH's JSON files, the first-launch lines, the
 * footprint counts and the settings. Kept in Java (Moshi, already on our classpath) rather than
 * shell so the arithmetic and the target checks are readable and tested by use.
 *
 * <p>Arguments: the run directory (first-launch.txt, footprint.txt, settings.properties), the
 * directory holding jmh-*.json, and the output file.
 */
public final class ResultsReport {
  private static final List<String> CONTENDERS = List.of("raw", "flowexec", "peer");
  private static final double TIME_TARGET = 1.15;
  private static final double THROUGHPUT_TARGET = 0.90;
  private static final double ALLOC_TARGET_BYTES = 8 * 1024;
  private static final double FIRST_LAUNCH_TARGET = 0.5;
  private static final long CORE_JAR_TARGET_BYTES = 200 * 1024;
  private static final double INTEGRATION_TIME_TARGET = 1.05;
  private static final double INTEGRATION_ALLOC_TARGET_BYTES = 1024;

  /** A JMH score with its 99.9% confidence half-width. */
  private static final class Score {
    final double score;
    final double error;
    final String unit;
    final boolean errorKnown;

    Score(double score, double error, String unit) {
      this.score = score;
      this.errorKnown = !Double.isNaN(error);
      this.error = errorKnown ? error : 0;
      this.unit = unit;
    }

    String errorText() {
      return errorKnown ? fmt(error) : "n/a";
    }

    double low() {
      return score - error;
    }

    double high() {
      return score + error;
    }
  }

  /**
   * One benchmark, from one or more JMH JSON files (the passes of run.sh): its measurement
   * iterations are pooled and the score is their mean, the error the 99.9% Student-t half-width, as
   * JMH computes it for one run.
   */
  private static final class Result {
    final List<Map<String, Object>> runs = new ArrayList<>();

    Map<String, Object> first() {
      return runs.get(0);
    }

    Score primary() {
      return pooled("primaryMetric", null);
    }

    Score secondary(String name) {
      Map<String, Object> secondaries = map(first().get("secondaryMetrics"));
      return secondaries == null || !secondaries.containsKey(name)
          ? null
          : pooled("secondaryMetrics", name);
    }

    @SuppressWarnings("unchecked")
    private Score pooled(String kind, String name) {
      List<Double> values = new ArrayList<>();
      String unit = null;
      for (Map<String, Object> run : runs) {
        Map<String, Object> metric = map(run.get(kind));
        if (name != null) {
          metric = map(metric.get(name));
        }
        unit = String.valueOf(metric.get("scoreUnit"));
        for (Object fork : (List<Object>) metric.get("rawData")) {
          for (Object v : (List<Object>) fork) {
            values.add(number(v));
          }
        }
      }
      int n = values.size();
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      if (n < 2) {
        return new Score(mean, Double.NaN, unit);
      }
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      double t = new TDistribution(n - 1).inverseCumulativeProbability(0.9995);
      return new Score(mean, t * Math.sqrt(ss / (n - 1)) / Math.sqrt(n), unit);
    }

    int iterations() {
      int n = 0;
      for (Map<String, Object> run : runs) {
        n += ((List<?>) ((List<?>) map(run.get("primaryMetric")).get("rawData")).get(0)).size();
      }
      return n;
    }
  }

  private final StringBuilder md = new StringBuilder();
  private final List<String[]> targets = new ArrayList<>();

  /** The integrations' targets, listed after the launch targets. */
  private final List<String[]> integrationTargets = new ArrayList<>();

  private ResultsReport() {}

  /**
   * Writes the report.
   *
   * @param args run directory, JSON directory, output file
   * @throws IOException if an input is missing
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ResultsReport RUN_DIR JSON_DIR OUTPUT");
    }
    Path run = Path.of(args[0]);
    Path jsonDir = Path.of(args[1]);
    String report = new ResultsReport().write(run, jsonDir);
    Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
    System.out.print(report);
  }

  private String write(Path run, Path jsonDir) throws IOException {
    Map<String, Result> avgt = load(jsonDir, "jmh-launch-avgt-");
    Map<String, Result> thrpt = load(jsonDir, "jmh-launch-thrpt-");
    Map<String, Result> codec = load(jsonDir, "jmh-codec");
    Properties settings = new Properties();
    settings.load(new StringReader(Files.readString(run.resolve("settings.properties"))));
    Map<String, long[]> footprint = footprint(run.resolve("footprint.txt"));
    Map<String, List<long[]>> firstLaunch = firstLaunch(run.resolve("first-launch.txt"));

    Result any = avgt.values().iterator().next();
    md.append("# sdk-benchmarks results\n\n");
    md.append("Written by `sdk-benchmarks/run.sh` on ")
        .append(
            ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(". Re-run it to refresh; every figure below comes from that one run.\n\n");
    machine(settings);
    settingsSection(
        any, thrpt.values().iterator().next(), codec.values().iterator().next(), settings);

    md.append("## Launch: one `POST /api/v2/flows/executions` per call\n\n");
    md.append(
        "Error is JMH's 99.9% confidence half-width. Ratios are to raw from the same run "
            + "(time and allocation: lower is better; throughput: higher is better).\n\n");
    md.append("| figure | contender | score | error | unit | ratio to raw |\n");
    md.append("| --- | --- | ---: | ---: | --- | ---: |\n");
    Map<String, Score> time = metric(avgt, null);
    Map<String, Score> ops = metric(thrpt, null);
    Map<String, Score> alloc = metric(avgt, "gc.alloc.rate.norm");
    rows("time per call, 1 thread", time, false);
    rows("throughput, " + settings.getProperty("throughputThreads") + " threads", ops, false);
    rows("allocation per call (gc.alloc.rate.norm)", alloc, true);
    md.append('\n');

    md.append("## Serialization alone (`FlowJsonCodec`, no HTTP)\n\n");
    md.append("| benchmark | time | error | unit | allocation (B/op) |\n");
    md.append("| --- | ---: | ---: | --- | ---: |\n");
    for (Map.Entry<String, Result> e : codec.entrySet()) {
      Score s = e.getValue().primary();
      Score a = e.getValue().secondary("gc.alloc.rate.norm");
      row(e.getKey(), fmt(s.score), s.errorText(), s.unit, a == null ? "n/a" : fmt(a.score));
    }
    md.append('\n');

    Path integrations = jsonDir.resolve("jmh-integrations.json");
    if (Files.exists(integrations)) {
      integrations(load(jsonDir, "jmh-integrations", true), settings);
    }

    md.append("## Time to first launch (fresh JVM, own runtime classpath, default flags)\n\n");
    md.append(
            "`ms since JVM start`: from `RuntimeMXBean.getStartTime()` to the first successful "
                + "launch, printed by the main. `wall ms`: from the script spawning `java` until the "
                + "process exited (JVM boot and exit included). ")
        .append(settings.getProperty("firstLaunchRuns"))
        .append(" runs each after one discarded run each, alternating.\n\n");
    md.append(
        "| contender | median ms since JVM start | runs (ms since JVM start) | median wall ms |\n");
    md.append("| --- | ---: | --- | ---: |\n");
    Map<String, Double> firstMedian = new LinkedHashMap<>();
    for (Map.Entry<String, List<long[]>> e : firstLaunch.entrySet()) {
      List<Long> jvm = new ArrayList<>();
      List<Long> wall = new ArrayList<>();
      for (long[] r : e.getValue()) {
        jvm.add(r[0]);
        wall.add(r[1]);
      }
      double median = median(jvm);
      firstMedian.put(e.getKey(), median);
      row(e.getKey(), fmt(median), jvm, fmt(median(wall)));
    }
    md.append('\n');

    md.append("## Runtime dependency footprint\n\n");
    md.append(
        "The library's own jar plus its runtime classpath as Maven resolves it "
            + "(`dependency:build-classpath -DincludeScope=runtime`): for sdk-retrofit in this build, "
            + "for the peer in a bare project that depends on it alone (sdk-benchmarks/peer-footprint).\n\n");
    md.append("| runtime classpath | jars | MB |\n| --- | ---: | ---: |\n");
    for (String name : List.of("sdk-retrofit", "peer")) {
      long[] f = footprint.get(name);
      row(
          name.equals("peer") ? "peer (platform-client-v2 198.1.0)" : name,
          f[0],
          fmt(f[1] / 1048576.0));
    }
    long coreJar = footprint.get("sdk-core-jar")[1];
    md.append("\nsdk-core jar: ")
        .append(coreJar)
        .append(" bytes (")
        .append(fmt(coreJar / 1024.0))
        .append(" KB).\n\n");

    // Targets.
    Score rawTime = time.get("raw");
    Score rawOps = ops.get("raw");
    Score rawAlloc = alloc.get("raw");
    Score ourTime = time.get("flowexec");
    Score ourOps = ops.get("flowexec");
    Score ourAlloc = alloc.get("flowexec");
    ratioTarget(
        "time per call within " + TIME_TARGET + "x of raw", ourTime, rawTime, TIME_TARGET, true);
    ratioTarget(
        "throughput at least " + THROUGHPUT_TARGET + "x raw",
        ourOps,
        rawOps,
        THROUGHPUT_TARGET,
        false);
    double extra = ourAlloc.score - rawAlloc.score;
    double extraLow = ourAlloc.low() - rawAlloc.high();
    double extraHigh = ourAlloc.high() - rawAlloc.low();
    target(
        "allocation under 8 KB (8,192 B) per call above raw",
        fmt(extra) + " B above raw",
        verdict(
            extra < ALLOC_TARGET_BYTES,
            extraLow < ALLOC_TARGET_BYTES,
            extraHigh < ALLOC_TARGET_BYTES));
    Score peerTime = time.get("peer");
    Score peerOps = ops.get("peer");
    Score peerAlloc = alloc.get("peer");
    long[] ourFoot = footprint.get("sdk-retrofit");
    long[] peerFoot = footprint.get("peer");
    double ourFirst = firstMedian.getOrDefault("flowexec", Double.NaN);
    double peerFirst = firstMedian.getOrDefault("peer", Double.NaN);
    List<String> lost = new ArrayList<>();
    if (!(ourTime.score < peerTime.score)) {
      lost.add("time per call");
    }
    if (!(ourOps.score > peerOps.score)) {
      lost.add("throughput");
    }
    if (!(ourAlloc.score < peerAlloc.score)) {
      lost.add("allocation");
    }
    if (!(ourFirst < peerFirst)) {
      lost.add("time to first launch");
    }
    if (!(ourFoot[0] < peerFoot[0] && ourFoot[1] < peerFoot[1])) {
      lost.add("footprint");
    }
    target(
        "better than the peer on every figure (time, throughput, allocation, first launch, footprint)",
        String.format(
            Locale.ROOT,
            "time %sx, throughput %sx, allocation %sx, first launch %sx, "
                + "jars %d vs %d, MB %s vs %s (ours vs peer)",
            fmt(ourTime.score / peerTime.score),
            fmt(ourOps.score / peerOps.score),
            fmt(ourAlloc.score / peerAlloc.score),
            fmt(ourFirst / peerFirst),
            ourFoot[0],
            peerFoot[0],
            fmt(ourFoot[1] / 1048576.0),
            fmt(peerFoot[1] / 1048576.0)),
        lost.isEmpty() ? "met" : "missed: " + String.join(", ", lost));
    target(
        "time to first launch under half of the peer's",
        fmt(ourFirst) + " ms vs " + fmt(peerFirst) + " ms = " + fmt(ourFirst / peerFirst) + "x",
        ourFirst < FIRST_LAUNCH_TARGET * peerFirst ? "met" : "missed");
    target(
        "sdk-core jar under 200 KB (204,800 B)",
        fmt(coreJar / 1024.0) + " KB",
        coreJar < CORE_JAR_TARGET_BYTES ? "met" : "missed");

    md.append("## Targets\n\n");
    md.append(
        "\"within noise\" means the verdict flips somewhere inside the error bars of the "
            + "two scores involved.\n\n");
    md.append("| target | measured | verdict |\n| --- | --- | --- |\n");
    targets.addAll(integrationTargets);
    for (String[] t : targets) {
      row((Object[]) t);
    }
    md.append('\n');
    return md.toString();
  }

  /**
   * The integrations section: each {@code IntegrationsBenchmark} variant against {@code plain} from
   * the same JMH run, with issue 13's targets (5% time, 1 KB allocation per call) judged within
   * both error bars.
   */
  private void integrations(Map<String, Result> variants, Properties settings) {
    Result plain = variants.get("plain");
    if (plain == null) {
      throw new IllegalStateException("no plain variant in " + variants.keySet());
    }
    Score plainTime = plain.primary();
    Score plainAlloc = plain.secondary("gc.alloc.rate.norm");
    md.append("## Integrations: logging, Micrometer, OpenTelemetry (`IntegrationsBenchmark`)\n\n");
    md.append("Launch over `RetrofitTransport` with a fixed token, 1 thread, -prof gc, ")
        .append(settings.getProperty("integrationsForks", "?"))
        .append(" forks per variant, ")
        .append(settings.getProperty("integrationsWarmupIterations", "?"))
        .append(" warmup and ")
        .append(settings.getProperty("integrationsIterations", "?"))
        .append(
            " measurement iterations. `plain` has logging off (the default); what each other "
                + "variant adds is in the benchmark's Javadoc. Ratios and bytes are to `plain`, "
                + "from this one JMH run.\n\n");
    md.append(
        "| variant | time per call | error | unit | ratio | allocation (B/op) | above plain |\n");
    md.append("| --- | ---: | ---: | --- | ---: | ---: | ---: |\n");
    for (Map.Entry<String, Result> e : variants.entrySet()) {
      Score t = e.getValue().primary();
      Score a = e.getValue().secondary("gc.alloc.rate.norm");
      row(
          e.getKey(),
          fmt(t.score),
          t.errorText(),
          t.unit,
          fmt(t.score / plainTime.score) + "x",
          a == null ? "n/a" : fmt(a.score),
          a == null || plainAlloc == null ? "n/a" : signed(a.score - plainAlloc.score));
    }
    md.append('\n');
    int launchTargets = targets.size();
    for (String variant : List.of("micrometer", "opentelemetry")) {
      Result r = variants.get(variant);
      if (r == null) {
        continue;
      }
      ratioTarget(
          variant + ": time per call within " + INTEGRATION_TIME_TARGET + "x of plain",
          r.primary(),
          plainTime,
          INTEGRATION_TIME_TARGET,
          true);
      Score a = r.secondary("gc.alloc.rate.norm");
      if (a != null && plainAlloc != null) {
        double extra = a.score - plainAlloc.score;
        target(
            variant + ": at most 1 KB (1,024 B) allocation per call above plain",
            signed(extra) + " above plain",
            verdict(
                extra <= INTEGRATION_ALLOC_TARGET_BYTES,
                a.low() - plainAlloc.high() <= INTEGRATION_ALLOC_TARGET_BYTES,
                a.high() - plainAlloc.low() <= INTEGRATION_ALLOC_TARGET_BYTES));
      }
    }
    // Listed after the launch targets, which are judged later in write().
    List<String[]> mine = targets.subList(launchTargets, targets.size());
    integrationTargets.addAll(mine);
    mine.clear();
  }

  /** One Markdown table row. */
  private void row(Object... cells) {
    md.append('|');
    for (Object cell : cells) {
      md.append(' ').append(cell).append(" |");
    }
    md.append('\n');
  }

  private static String signed(double bytes) {
    return String.format(Locale.ROOT, "%+,.0f B", bytes);
  }

  private void machine(Properties settings) throws IOException {
    md.append("## Machine\n\n");
    md.append("| nproc | CPU | memory | JVM | OS |\n| ---: | --- | ---: | --- | --- |\n");
    md.append("| ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" | ")
        .append(cpuModel())
        .append(" | ")
        .append(memory())
        .append(" | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" (")
        .append(System.getProperty("java.vendor"))
        .append(") | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(" |\n\n");
    md.append(
            "Shared and noisy: other jobs may run on the same cores, so treat differences "
                + "inside the error bars as noise. Load average (1, 5, 15 min) before the JMH runs: ")
        .append(settings.getProperty("loadBefore", "n/a"))
        .append("; after: ")
        .append(settings.getProperty("loadAfter", "n/a"))
        .append(".\n\n");
  }

  private static String schedule(Result r) {
    Map<String, Object> j = r.first();
    return "warmup "
        + fmtInt(j.get("warmupIterations"))
        + " x "
        + j.get("warmupTime")
        + ", measurement "
        + fmtInt(j.get("measurementIterations"))
        + " x "
        + j.get("measurementTime");
  }

  private void settingsSection(Result any, Result thrptAny, Result codecAny, Properties settings) {
    Map<String, Object> j = any.first();
    md.append("## Settings\n\n");
    md.append("- JMH ")
        .append(j.get("jmhVersion"))
        .append(", forks ")
        .append(fmtInt(j.get("forks")))
        .append(
            ", the same settings for every contender: time per call (`-bm avgt -t 1 -prof gc`) ")
        .append(schedule(any))
        .append("; throughput (`-bm thrpt -t ")
        .append(settings.getProperty("throughputThreads"))
        .append("`) ")
        .append(schedule(thrptAny))
        .append("; codec (`-bm avgt -t 1 -prof gc`) ")
        .append(schedule(codecAny))
        .append(
            ". Warmups are long because the JIT needs ~20 s to reach the plateau with 16 "
                + "threads on 2 cores. Each launch figure is run in ")
        .append(settings.getProperty("passes", "1"))
        .append(
            " passes, raw, flowexec, peer then peer, flowexec, raw (one JMH run, so one fork, "
                + "per contender and pass); scores are the mean of the pooled measurement iterations (")
        .append(any.iterations())
        .append(
            " per contender) and errors their 99.9% Student-t "
                + "half-width, as JMH computes them. The codec runs once.\n");
    md.append("- Allocation per call comes from the time-per-call runs (`-prof gc`).\n");
    md.append("- Benchmark JVM: `")
        .append(String.join(" ", strings(j.get("jvmArgs"))))
        .append("`.\n");
    md.append(
            "- Server: `LoopbackServer`, JDK `com.sun.net.httpserver` with "
                + "`sun.net.httpserver.nodelay=true`, a fixed pool of ")
        .append(settings.getProperty("serverThreads"))
        .append(
            " threads, in its own JVM on 127.0.0.1 (so its threads and allocations stay out "
                + "of the client's figures). It answers every launch with the same 201 execution "
                + "("
                + LoopbackServer.EXECUTION_JSON.length
                + " bytes). All contenders use it.\n");
    md.append(
        "- raw: OkHttp 4.12 defaults, a body serialized once, a new `Request` per call, "
            + "response bytes read. flowexec: `FlowExecutionsClient` over `RetrofitTransport`, a new "
            + "`LaunchRequest` built per call. peer: `platform-client-v2` 198.1.0 "
            + "`ArchitectApi.postFlowsExecutions` with its default connector (Apache HttpClient 4), "
            + "a new `FlowExecutionLaunchRequest` per call (its model has no participants or channel, "
            + "so its body is smaller than ours).\n\n");
  }

  private void rows(String figure, Map<String, Score> scores, boolean bytesAbove) {
    Score raw = scores.get("raw");
    boolean first = true;
    for (String c : CONTENDERS) {
      Score s = scores.get(c);
      if (s == null) {
        continue;
      }
      String ratio = fmt(s.score / raw.score) + "x";
      if (bytesAbove && !c.equals("raw")) {
        ratio += " (+" + fmt(s.score - raw.score) + " B)";
      }
      row(first ? figure : "", c, fmt(s.score), s.errorText(), s.unit, ratio);
      first = false;
    }
  }

  private void ratioTarget(String name, Score ours, Score raw, double threshold, boolean atMost) {
    double ratio = ours.score / raw.score;
    // The extremes of the ratio within both error bars; unbounded when raw's bar reaches zero.
    double low = Math.max(0, ours.low()) / raw.high();
    double high = raw.low() > 0 ? ours.high() / raw.low() : Double.POSITIVE_INFINITY;
    boolean met = atMost ? ratio <= threshold : ratio >= threshold;
    boolean metLow = atMost ? low <= threshold : low >= threshold;
    boolean metHigh = atMost ? high <= threshold : high >= threshold;
    target(
        name,
        fmt(ratio)
            + "x ("
            + fmt(low)
            + " to "
            + (Double.isInfinite(high) ? "unbounded" : fmt(high))
            + " within error)",
        verdict(met, metLow, metHigh));
  }

  private static String verdict(boolean met, boolean metAtOneEnd, boolean metAtOtherEnd) {
    String v = met ? "met" : "missed";
    return metAtOneEnd == metAtOtherEnd ? v : v + " (within noise)";
  }

  private void target(String name, String measured, String verdict) {
    targets.add(new String[] {name, measured, verdict});
  }

  private static Map<String, Score> metric(Map<String, Result> results, String secondary) {
    Map<String, Score> out = new LinkedHashMap<>();
    for (Map.Entry<String, Result> e : results.entrySet()) {
      Score s = secondary == null ? e.getValue().primary() : e.getValue().secondary(secondary);
      if (s != null) {
        out.put(e.getKey(), s);
      }
    }
    for (String c : CONTENDERS) {
      if (!out.containsKey(c)) {
        throw new IllegalStateException("no result for " + c + " in " + results.keySet());
      }
    }
    return out;
  }

  /** Reads every {@code prefix*.json} in {@code dir}, grouping results by benchmark method. */
  private static Map<String, Result> load(Path dir, String prefix) throws IOException {
    return load(dir, prefix, false);
  }

  /**
   * Reads every {@code prefix*.json} in {@code dir}, grouping results by benchmark method, or by
   * the {@code variant} parameter when {@code byVariant} (in the order JMH ran them).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Result> load(Path dir, String prefix, boolean byVariant)
      throws IOException {
    List<Path> files = new ArrayList<>();
    try (var listing = Files.newDirectoryStream(dir, prefix + "*.json")) {
      listing.forEach(files::add);
    }
    files.sort(null);
    Map<String, Result> out = byVariant ? new LinkedHashMap<>() : new java.util.TreeMap<>();
    for (Path file : files) {
      Object parsed =
          new Moshi.Builder().build().adapter(Object.class).fromJson(Files.readString(file));
      for (Object o : (List<Object>) parsed) {
        Map<String, Object> json = (Map<String, Object>) o;
        String name = String.valueOf(json.get("benchmark"));
        String key =
            byVariant
                ? String.valueOf(map(json.get("params")).get("variant"))
                : name.substring(name.lastIndexOf('.') + 1);
        out.computeIfAbsent(key, k -> new Result()).runs.add(json);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no results in " + dir + "/" + prefix + "*.json");
    }
    return out;
  }

  private static Map<String, long[]> footprint(Path file) throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length == 3) {
        out.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  private static final Pattern FIRST =
      Pattern.compile("contender=(\\S+) ms_since_jvm_start=(\\d+).* wall_ms=(\\d+)");

  private static Map<String, List<long[]>> firstLaunch(Path file) throws IOException {
    Map<String, List<long[]>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = FIRST.matcher(line);
      if (m.find()) {
        out.computeIfAbsent(m.group(1), k -> new ArrayList<>())
            .add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
      }
    }
    return out;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    }
    return System.getProperty("os.arch");
  }

  private static String memory() throws IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.exists(meminfo)) {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D+", ""));
          return fmt(kb / 1048576.0) + " GiB";
        }
      }
    }
    return "unknown";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List) {
      for (Object x : (List<Object>) o) {
        out.add(String.valueOf(x));
      }
    }
    return out;
  }

  private static double number(Object o) {
    if (o instanceof Number) {
      return ((Number) o).doubleValue();
    }
    return o == null ? Double.NaN : Double.parseDouble(String.valueOf(o)); // "NaN"
  }

  private static String fmtInt(Object o) {
    return String.valueOf((long) number(o));
  }

  /** Three significant figures, with thousands separators for large values. */
  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
