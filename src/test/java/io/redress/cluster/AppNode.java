package io.redress.cluster;

import io.redress.postgres.TestPostgres;
import java.io.File;
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
import java.util.stream.Stream;

/**
 * One node of the application as it runs in production: the packaged jar ({@code target/*.jar}, built in the
 * package phase) in a JVM of its own, profiles {@code postgres,demo}, on a free port, against a given database; its
 * output goes to {@code target/cluster-it/<name>.log}.
 */
final class AppNode {

  /** JVM options of the nodes: quick start for the tests (C1 only); the benchmark runs them as in production. */
  static List<String> jvmOptions = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

  final String name;
  final int port;
  private final Process process;
  final Path log;

  private AppNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the node; {@link #awaitUp()} waits until it answers. */
  static AppNode start(String name, String jdbcUrl, Map<String, String> properties) throws IOException {
    return start(name, jdbcUrl, TestPostgres.server(), properties);
  }

  /** Starts the node on a database of the given server (a throwaway cluster of the test's own). */
  static AppNode start(String name, String jdbcUrl, TestPostgres.Server server, Map<String, String> properties)
      throws IOException {
    return start(name, jdbcUrl, server, properties, jar());
  }

  /** Starts the given jar (another release of the application) as a node on a PostgreSQL database. */
  static AppNode start(String name, String jdbcUrl, TestPostgres.Server server, Map<String, String> properties,
      Path jar) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=postgres,demo",
        "--server.port=" + port,
        "--redress.node-name=" + name,
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + server.user(),
        "--spring.datasource.password=" + (server.password() == null ? "" : server.password())));
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path dir = Path.of("target", "cluster-it");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new AppNode(name, port, p, log);
  }

  /**
   * Starts the node on the default database exactly as the README's run command configures it (H2 in
   * {@code ./data/} below the given working directory; no datasource option), with the demo users.
   */
  static AppNode startDefault(String name, Path workingDirectory, Map<String, String> properties)
      throws IOException {
    return startDefault(name, workingDirectory, properties, jar());
  }

  /** Starts the given jar (another release of the application) on the default database, as above. */
  static AppNode startDefault(String name, Path workingDirectory, Map<String, String> properties, Path jar)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=demo",
        "--server.port=" + port,
        "--redress.node-name=" + name));
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Files.createDirectories(workingDirectory);
    Path log = workingDirectory.resolve(name + ".log");
    Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new AppNode(name, port, p, log);
  }

  void awaitUp() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " died on start, see " + log.toAbsolutePath() + ":\n" + tail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " did not come up, see " + log.toAbsolutePath());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM at once (SIGKILL): no shutdown hook, no job unlocking, open transactions roll back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Stops the node as an orchestrator would (SIGTERM, graceful). */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("redress-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException(
              "No application jar in target" + File.separator + ": run mvn package (mvn verify does)"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
