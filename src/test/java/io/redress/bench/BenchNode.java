package io.redress.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application under measurement: the packaged jar in a JVM of its own (as in production, full JIT), profile
 * {@code demo} (+ {@code postgres}), on a free port, against the given database; log in {@code target/bench/}.
 */
final class BenchNode {

  final String name;
  final int port;
  final Process process;
  final Path log;
  final long startedNanos;
  long upMillis;

  private BenchNode(String name, int port, Process process, Path log, long startedNanos) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  /** A node started by other means (the plain Camunda baseline, {@link PlainNode}), for {@link Client}. */
  static BenchNode of(String name, int port, Process process, Path log, long startedNanos) {
    return new BenchNode(name, port, process, log, startedNanos);
  }

  /**
   * How the application is started: {@code cds} (default) as docs/operations.md (*Production start*) recommends, from the
   * extracted jar with a class-data-sharing archive made by a training run; {@code jar}: {@code java -jar} of the
   * packaged jar.
   */
  static final String DEPLOYMENT = System.getProperty("bench.deployment", "cds");
  /** glibc malloc arenas of the application ({@code MALLOC_ARENA_MAX}), as *Production start* recommends; blank: glibc's. */
  static final String MALLOC_ARENAS = System.getProperty("bench.mallocArenas", "2");

  private static Path extracted;

  /**
   * The extracted application ({@code java -Djarmode=tools -jar redress.jar extract}) and its CDS archive, made once
   * per run by a training start that stops when the context is refreshed ({@code -Dspring.context.exit=onRefresh}),
   * on a throwaway H2 database: Spring Boot's "efficient deployments" recipe.
   */
  static synchronized Path extracted(List<String> jvmOptions) throws Exception {
    if (extracted != null) {
      return extracted;
    }
    Path dir = Path.of("target", "bench", "app").toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar().toAbsolutePath().toString(), "extract",
        "--destination", dir.toString()), dir.resolveSibling("extract.log"));
    Path extractedJar = dir.resolve(jar().getFileName().toString());
    Path training = Files.createTempDirectory("redress-cds");
    List<String> train = new ArrayList<>(List.of(java));
    train.addAll(jvmOptions);
    train.addAll(List.of("-XX:ArchiveClassesAtExit=" + dir.resolve("app.jsa"), "-Dspring.context.exit=onRefresh",
        "-jar", extractedJar.toString(), "--spring.profiles.active=demo", "--server.port=0",
        "--redress.node-name=cds-training", "--spring.datasource.url=jdbc:h2:file:" + training + "/redress"));
    run(new ProcessBuilder(train), dir.resolveSibling("cds-training.log"));
    if (!Files.exists(dir.resolve("app.jsa"))) {
      throw new IllegalStateException("No CDS archive: see " + dir.resolveSibling("cds-training.log"));
    }
    extracted = dir;
    return dir;
  }

  private static void run(ProcessBuilder pb, Path log) throws Exception {
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", pb.command()) + " failed, see " + log);
    }
  }

  static BenchNode start(String name, List<String> jvmOptions, List<String> profiles, String jdbcUrl, String user,
      String password, Map<String, String> properties) throws Exception {
    return start(name, DEPLOYMENT, jvmOptions, profiles, jdbcUrl, user, password, properties);
  }

  static BenchNode start(String name, String deployment, List<String> jvmOptions, List<String> profiles,
      String jdbcUrl, String user, String password, Map<String, String> properties) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    Path app = jar().toAbsolutePath();
    if (deployment.equals("cds")) {
      Path dir = extracted(jvmOptions);
      command.add("-XX:SharedArchiveFile=" + dir.resolve("app.jsa"));
      app = dir.resolve(jar().getFileName().toString());
    } else if (!deployment.equals("jar")) {
      throw new IllegalArgumentException("bench.deployment: cds or jar, not " + deployment);
    }
    command.addAll(List.of("-jar", app.toString(),
        "--spring.profiles.active=" + String.join(",", profiles),
        "--server.port=" + port,
        "--redress.node-name=" + name,
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + (password == null ? "" : password),
        // the plain-Camunda baseline is started over the engine API by fiona: deny by default lets workers start
        // only the processes named here
        "--redress.security.startable-processes=" + RedressBenchmark.BASELINE_KEY));
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    long t0 = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (!MALLOC_ARENAS.isBlank()) {
      pb.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENAS);
    }
    Process p = pb.start();
    return new BenchNode(name, port, p, log, t0);
  }

  /** Waits for /actuator/health UP; returns the milliseconds from process start. */
  long awaitUp() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(Long.getLong("bench.startMinutes", 6)).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " died on start, see " + log.toAbsolutePath());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          upMillis = (System.nanoTime() - startedNanos) / 1_000_000;
          return upMillis;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " did not come up, see " + log.toAbsolutePath());
  }

  /** Spring Boot's own "Started RedressApplication in X seconds", or null. */
  Double springStartedSeconds() throws IOException {
    Matcher m = Pattern.compile("Started \\w+ in ([0-9.]+) seconds").matcher(Files.readString(log));
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /** VmRSS and VmHWM from /proc, in MB ({-1,-1} where there is no /proc). */
  long[] rssMb() {
    long rss = -1;
    long hwm = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          hwm = kb(line) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc
    }
    return new long[] {rss, hwm};
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** Heap used and committed in MB, from {@code jcmd <pid> GC.heap_info} ({-1,-1} when jcmd fails). */
  long[] heapMb() {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process p = new ProcessBuilder(Files.exists(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid()),
          "GC.heap_info").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(20, TimeUnit.SECONDS);
      // G1: one "garbage-first heap total ..K, used ..K"; Serial and Parallel: one line per generation
      Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
      long total = 0;
      long used = 0;
      boolean found = false;
      while (m.find()) {
        found = true;
        total += Long.parseLong(m.group(1));
        used += Long.parseLong(m.group(2));
      }
      if (found) {
        return new long[] {used / 1024, total / 1024};
      }
    } catch (Exception e) {
      // no jcmd
    }
    return new long[] {-1, -1};
  }

  void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("redress-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException(
              "No application jar in target/: run mvn -Pbench verify (it packages first)"));
    }
  }
}
