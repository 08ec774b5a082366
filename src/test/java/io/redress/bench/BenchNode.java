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

  static BenchNode start(String name, List<String> jvmOptions, List<String> profiles, String jdbcUrl, String user,
      String password, Map<String, String> properties) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toAbsolutePath().toString(),
        "--spring.profiles.active=" + String.join(",", profiles),
        "--server.port=" + port,
        "--redress.node-name=" + name,
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + (password == null ? "" : password)));
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new BenchNode(name, port, p, log, t0);
  }

  /** Waits for /actuator/health UP; returns the milliseconds from process start. */
  long awaitUp() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
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
      Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
      if (m.find()) {
        return new long[] {Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024};
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
