package io.redress.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the tests use, and a fresh database per test run on it.
 *
 * <p>The server is the one at {@code POSTGRES_URL} (JDBC {@code jdbc:postgresql://host:port/db?user=..} or libpq
 * {@code postgresql://user:password@host:port/db}), by default {@code 127.0.0.1:5432}, user {@code postgres},
 * database {@code test}, as on the team's machines and CI. Where none answers (a fresh machine), a throwaway cluster
 * is started from Debian's PostgreSQL binaries in a temporary folder on a free port, as the {@code postgres} user
 * when the build runs as root (initdb refuses root), and installed with apt-get first when the binaries are missing
 * and the build may do so. Every database this class creates ({@code redress_it_<random>}) and the throwaway cluster
 * are removed when the JVM exits.
 */
public final class TestPostgres {

  public record Server(String host, int port, String user, String password, String database) {
    public String jdbcUrl(String db) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
  }

  private static Server server;
  private static final List<String> CREATED = new ArrayList<>();

  private TestPostgres() {
  }

  /** The server, started here if none answers at {@code POSTGRES_URL}. */
  public static synchronized Server server() {
    if (server == null) {
      Server configured = parse(System.getenv().getOrDefault("POSTGRES_URL",
          "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      server = answers(configured) ? configured : ThrowawayCluster.start(configured.user());
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-databases"));
    }
    return server;
  }

  /** A new empty database of this test run; dropped when the JVM exits. Returns its JDBC URL. */
  public static synchronized String newDatabase() {
    Server s = server();
    String name = "redress_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(s, "CREATE DATABASE " + name);
    CREATED.add(name);
    return s.jdbcUrl(name);
  }

  public static Connection connect(String jdbcUrl) throws SQLException {
    Server s = server();
    Properties p = new Properties();
    p.setProperty("user", s.user());
    if (s.password() != null) {
      p.setProperty("password", s.password());
    }
    return DriverManager.getConnection(jdbcUrl, p);
  }

  private static void dropAll() {
    for (String name : CREATED) {
      try {
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        System.err.println("Could not drop test database " + name + ": " + e.getMessage());
      }
    }
  }

  private static void execute(Server s, String sql) {
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(s.database()), props(s));
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static Properties props(Server s) {
    Properties p = new Properties();
    p.setProperty("user", s.user());
    if (s.password() != null) {
      p.setProperty("password", s.password());
    }
    p.setProperty("connectTimeout", "3");
    return p;
  }

  private static boolean answers(Server s) {
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(s.database()), props(s))) {
      return c.isValid(3);
    } catch (SQLException e) {
      System.err.println("No PostgreSQL answers at " + s.host() + ":" + s.port() + " (" + e.getMessage()
          + "): starting a throwaway cluster");
      return false;
    }
  }

  static Server parse(String url) {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri = URI.create(u.replaceFirst("^postgres(ql)?://", "postgresql://"));
    String user = "postgres";
    String password = null;
    if (uri.getUserInfo() != null) {
      String[] parts = uri.getUserInfo().split(":", 2);
      user = parts[0];
      password = parts.length > 1 ? parts[1] : null;
    }
    if (uri.getQuery() != null) {
      for (String kv : uri.getQuery().split("&")) {
        String[] p = kv.split("=", 2);
        if (p[0].equals("user")) {
          user = p[1];
        } else if (p[0].equals("password")) {
          password = p[1];
        }
      }
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    return new Server(uri.getHost() == null ? "127.0.0.1" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
        user, password, db);
  }

  /**
   * A throwaway cluster of the caller's own, never the shared server at {@code POSTGRES_URL}: for tests that stop
   * the database under the application ({@code io.redress.cluster.DatabaseOutageIT}). Stopped and deleted when
   * the JVM exits.
   */
  public static ThrowawayCluster ownCluster() {
    return ThrowawayCluster.create();
  }

  /** A cluster of this JVM's own, in a temporary folder, stopped and deleted when the JVM exits. */
  public static final class ThrowawayCluster {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;

    private ThrowawayCluster(Path bin, Path dir, int port, boolean root) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.root = root;
    }

    static Server start(String user) {
      return create().server();
    }

    static ThrowawayCluster create() {
      try {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("redress-pg-");
        int port = freePort();
        if (root) {
          run(List.of("chown", "postgres", dir.toString()));
        }
        run(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
            "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")));
        ThrowawayCluster cluster = new ThrowawayCluster(bin, dir, port, root);
        cluster.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            cluster.stopImmediately();
          } catch (IOException e) {
            System.err.println("Could not stop the throwaway cluster: " + e.getMessage());
          }
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          } catch (IOException e) {
            System.err.println("Could not delete the throwaway cluster: " + e.getMessage());
          }
        }, "stop-throwaway-postgres"));
        System.err.println("Throwaway PostgreSQL cluster on 127.0.0.1:" + port + " in " + dir);
        return cluster;
      } catch (IOException e) {
        throw new IllegalStateException("Cannot start a throwaway PostgreSQL cluster", e);
      }
    }

    public Server server() {
      return new Server("127.0.0.1", port, "postgres", null, "postgres");
    }

    /** A new empty database in this cluster; its JDBC URL. */
    public String newDatabase() {
      String name = "redress_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute(server(), "CREATE DATABASE " + name);
      return server().jdbcUrl(name);
    }

    public Connection connect(String jdbcUrl) throws SQLException {
      return DriverManager.getConnection(jdbcUrl, props(server()));
    }

    /** Starts the server (again) on its port; returns when it accepts connections. */
    public void startServer() throws IOException {
      run(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-l", dir.resolve("log").toString(), "-w", "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
          "start")));
    }

    /**
     * {@code pg_ctl stop -m immediate}: every server process quits at once, without a checkpoint, open transactions
     * are lost and the next start recovers from the write-ahead log, as after a crash. Nothing happens if it is not
     * running.
     */
    public void stopImmediately() throws IOException {
      if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
        run(asPostgres(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
            "-m", "immediate", "stop")));
      }
    }

    /** Debian's binaries, the newest version; apt-get installs postgresql-15 when none is there and we are root. */
    private static Path binaries() throws IOException {
      Path found = find();
      if (found == null && "root".equals(System.getProperty("user.name"))) {
        System.err.println("PostgreSQL binaries missing: apt-get install postgresql-15");
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
            "--no-install-recommends", "postgresql-15"));
        found = find();
      }
      if (found == null) {
        throw new IllegalStateException("No PostgreSQL server answers at POSTGRES_URL and no PostgreSQL binaries "
            + "are installed (Debian: apt-get install postgresql-15)");
      }
      return found;
    }

    private static Path find() throws IOException {
      Path root = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(root)) {
        return null;
      }
      try (Stream<Path> versions = Files.list(root)) {
        return versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                .replaceAll("\\D.*", "0")))).orElse(null);
      }
    }

    private static List<String> asPostgres(boolean root, List<String> command) {
      if (!root) {
        return command;
      }
      List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
      c.addAll(command);
      return c;
    }

    private static void run(List<String> command) throws IOException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      try {
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }

}
