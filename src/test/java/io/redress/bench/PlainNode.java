package io.redress.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plain Camunda baseline outside the Redress node (issue 20, part 1): {@code io.redress.bench.plain.PlainCamunda}
 * in a JVM of its own, with the same JVM options, started from the dependency jars of the build and that one class
 * only (not the Redress jar, not target/classes: none of Redress's beans, application.yaml, engine plugins, filters or
 * processes), {@code --spring.config.name=plain-camunda} (no configuration file of that name exists), on a database
 * of its own of the same kind and URL options. The user {@code demo} (password {@code demo}, what {@link Client}
 * sends) may start {@link RedressBenchmark#BASELINE_KEY} and work its tasks.
 */
final class PlainNode {

  static final String USER = "demo";

  /**
   * Jars of the build that a plain Camunda REST application does not have: Redress's own choices (Spring Security,
   * Flyway, the Camunda webapps, the OpenAPI UI, Spring Modulith, actuator) and test libraries whose auto-configuration
   * would join in. What remains is Spring Boot web + jdbc, the Camunda starter and its REST API, Spin, the drivers.
   */
  static final Pattern NOT_PLAIN = Pattern.compile(
      "spring-security|flyway|webapp|springdoc|swagger|spring-modulith|actuator|process-test-coverage|"
          + "camunda-bpm-assert|greenmail|spring-boot-test|spring-test|mockito|junit|assertj|archunit");

  final BenchNode node;
  final List<String> classpath;

  private PlainNode(BenchNode node, List<String> classpath) {
    this.node = node;
    this.classpath = classpath;
  }

  static PlainNode start(String name, List<String> jvmOptions, String jdbcUrl, String user, String password,
      Map<String, String> properties) throws Exception {
    Path dir = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(dir);
    // this one class, copied out of target/test-classes
    Path classes = dir.resolve("plain-classes");
    Path pkg = classes.resolve("io/redress/bench/plain");
    Files.createDirectories(pkg);
    Path compiled = Path.of("target", "test-classes", "io", "redress", "bench", "plain");
    try (Stream<Path> files = Files.list(compiled)) {
      for (Path f : files.toList()) {
        Files.copy(f, pkg.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path bpmn = dir.resolve("plain-baseline.bpmn");
    Files.writeString(bpmn, RedressBenchmark.BASELINE_BPMN);
    // failsafe runs the tests from a manifest-only jar; the real class path is in surefire.test.class.path
    String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cp = new ArrayList<>();
    cp.add(classes.toString());
    for (String entry : testClasspath.split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      if (file.endsWith(".jar") && !file.startsWith("redress-") && !file.startsWith("surefire")
          && !NOT_PLAIN.matcher(file).find()) {
        cp.add(entry);
      }
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, cp), "io.redress.bench.plain.PlainCamunda",
        "--spring.config.name=plain-camunda",
        "--server.port=" + port,
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + (password == null ? "" : password),
        "--camunda.bpm.authorization.enabled=true",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--plain.bpmn=" + bpmn,
        "--plain.user=" + USER,
        "--plain.password=demo",
        "--plain.process=" + RedressBenchmark.BASELINE_KEY));
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path log = dir.resolve(name + ".log");
    long t0 = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (!BenchNode.MALLOC_ARENAS.isBlank()) {
      pb.environment().put("MALLOC_ARENA_MAX", BenchNode.MALLOC_ARENAS);
    }
    return new PlainNode(BenchNode.of(name, port, pb.start(), log, t0), cp);
  }

  /** Waits until the engine REST API answers the demo user; returns the milliseconds from process start. */
  long awaitUp() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":demo").getBytes(StandardCharsets.UTF_8));
    while (System.nanoTime() < deadline) {
      if (!node.process.isAlive()) {
        throw new IllegalStateException(node.name + " died on start, see " + node.log);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri("/engine-rest/process-definition/key/"
            + RedressBenchmark.BASELINE_KEY)).header("Authorization", basic).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && describe().size() >= 4) {
          node.upMillis = (System.nanoTime() - node.startedNanos) / 1_000_000;
          return node.upMillis;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(node.name + " did not come up, see " + node.log);
  }

  /** The application's own description of itself ({@code [plain]} lines: beans, filters, engine, processes). */
  List<String> describe() throws IOException {
    return Files.readAllLines(node.log).stream().filter(l -> l.startsWith("[plain] ")).map(l -> l.substring(8))
        .toList();
  }

  /** The class path's jars, by file name, for the report. */
  String jars() {
    return String.join(" ", classpath.stream().skip(1).map(e -> Path.of(e).getFileName().toString()).toList());
  }

  void stop() throws InterruptedException {
    node.stop();
  }

  static List<String> split(String options) {
    return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
  }
}
