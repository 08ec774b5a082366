package io.redress.cluster;

import static io.redress.cluster.CaseData.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.redress.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore as docs/backup-and-restore.md describes them: a restored database has the same cases, tasks and
 * armed deadlines as the one backed up, holds every complaint acknowledged before the backup began, nothing
 * half-stored, and the application runs on it.
 *
 * <p>H2: the running application backs itself up on a schedule ({@code redress.backup.h2.schedule}, H2's
 * {@code BACKUP TO}) while complaints keep coming in; the backup is restored with H2's Restore tool run from the
 * application's jar into a new folder, and the application started there. Then, with the application stopped, the
 * offline way: H2's Script tool ({@code SCRIPT TO}) and RunScript into another new folder, the application started
 * there too.
 *
 * <p>PostgreSQL: {@code pg_dump -Fc} of the running application's database while complaints keep coming in,
 * {@code pg_restore} into a new database, {@code vacuumdb --analyze-only}, the application started on it; a deadline
 * that fell due while the database was in the backup fires once the application runs.
 */
class BackupRestoreIT {

  static final Pattern BACKUP = Pattern.compile("redress-(\\d{8}T\\d{6}Z)\\.zip");

  @Test
  void h2OnlineBackupAndOfflineScriptRestoreIntoNewFiles() throws Exception {
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-it-h2-");
    Path source = root.resolve("source");
    // the default folder: ./backup beside ./data
    Path backups = source.resolve("backup");
    AppNode a = AppNode.startDefault("backup-h2-source", source, Map.of(
        "redress.backup.h2.schedule", "*/5 * * * * *",
        "redress.backup.h2.keep", "3"));
    List<String> cases;
    Path zip;
    Instant backupBegan;
    Map<String, Instant> load;
    try {
      a.awaitUp();
      cases = CaseData.threeCases(a, "Backup");
      try (CaseData.Load writes = new CaseData.Load(a)) {
        Thread.sleep(1000);
        // a backup begun after the cases were made, taken while complaints keep coming in
        zip = awaitBackupAfter(backups, Instant.now().plusSeconds(1), Duration.ofSeconds(90));
        backupBegan = began(zip);
        Thread.sleep(3000);
        writes.close();
        assertThat(writes.failures.get()).as("errors while the backup was taken").isZero();
        load = Map.copyOf(writes.acknowledgedAt);
      }
      try (Stream<Path> files = Files.list(backups)) {
        assertThat(files.filter(p -> BACKUP.matcher(p.getFileName().toString()).matches()).count())
            .as("only the newest redress.backup.h2.keep backups are kept").isBetween(1L, 3L);
      }
      assertThat(load.values()).as("complaints acknowledged before and after the backup began")
          .anyMatch(t -> t.isBefore(backupBegan)).anyMatch(t -> t.isAfter(backupBegan.plusSeconds(1)));
    } finally {
      a.stop();
    }
    Map<String, ?> before;
    String sourceUrl = h2(source);
    try (Connection c = DriverManager.getConnection(sourceUrl, "sa", "")) {
      before = snapshot(c, cases);
      assertThat(CaseData.inconsistencies(c)).isEmpty();
    }

    // restore the online backup into a new folder with H2's Restore tool, from the application's jar
    Path restored = root.resolve("restored");
    h2Tool("org.h2.tools.Restore", "-file", zip.toString(), "-dir", restored.resolve("data").toString(),
        "-db", "redress");
    try (Connection c = DriverManager.getConnection(h2(restored), "sa", "")) {
      assertThat(snapshot(c, cases)).isEqualTo(before);
      assertThat(CaseData.inconsistencies(c)).as("nothing half-stored in the backup").isEmpty();
      Set<String> there = complaintNumbers(c);
      assertThat(there).as("every complaint acknowledged before the backup began")
          .containsAll(acknowledgedBefore(load, backupBegan));
    }
    runsOn(AppNode.startDefault("backup-h2-restored", restored, Map.of()), cases);

    // offline: SCRIPT TO and RUNSCRIPT with the application stopped
    Path script = root.resolve("redress.sql.gz");
    h2Tool("org.h2.tools.Script", "-url", sourceUrl, "-user", "sa", "-script", script.toString(),
        "-options", "compression", "gzip");
    Path fromScript = root.resolve("from-script");
    h2Tool("org.h2.tools.RunScript", "-url", h2(fromScript), "-user", "sa", "-script", script.toString(),
        "-options", "compression", "gzip");
    try (Connection c = DriverManager.getConnection(h2(fromScript), "sa", "")) {
      assertThat(snapshot(c, cases)).isEqualTo(before);
      assertThat(CaseData.inconsistencies(c)).isEmpty();
      assertThat(complaintNumbers(c)).as("offline: every complaint").containsAll(load.keySet());
    }
    runsOn(AppNode.startDefault("backup-h2-from-script", fromScript, Map.of()), cases);
    System.out.printf("BackupRestoreIT H2: backup %s (%d bytes), script %d bytes, %d complaints under load%n",
        zip.getFileName(), Files.size(zip), Files.size(script), load.size());
  }

  @Test
  void postgresDumpRestoredIntoANewDatabase() throws Exception {
    TestPostgres.Server server = TestPostgres.server();
    String sourceUrl = TestPostgres.newDatabase();
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-it-pg-");
    Path dump = root.resolve("redress.dump");
    AppNode a = AppNode.start("backup-pg-source", sourceUrl, Map.of());
    List<String> cases;
    Instant dumpBegan;
    Map<String, Instant> load;
    Map<String, ?> before;
    try {
      a.awaitUp();
      cases = CaseData.threeCases(a, "Backup");
      try (CaseData.Load writes = new CaseData.Load(a)) {
        Thread.sleep(2000);
        dumpBegan = Instant.now();
        pgTool(server, "pg_dump", "-Fc", "-f", dump.toString(), "-d", database(sourceUrl));
        Thread.sleep(1000);
        writes.close();
        assertThat(writes.failures.get()).as("errors while the dump was taken").isZero();
        load = Map.copyOf(writes.acknowledgedAt);
      }
      assertThat(load.values()).anyMatch(t -> t.isBefore(dumpBegan));
      try (Connection c = TestPostgres.connect(sourceUrl)) {
        before = snapshot(c, cases);
      }
    } finally {
      a.stop();
    }

    String restoredUrl = TestPostgres.newDatabase();
    pgTool(server, "pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "-d",
        database(restoredUrl), dump.toString());
    pgTool(server, "vacuumdb", "--analyze-only", "-d", database(restoredUrl));
    String overdue;
    try (Connection c = TestPostgres.connect(restoredUrl)) {
      assertThat(snapshot(c, cases)).isEqualTo(before);
      assertThat(CaseData.inconsistencies(c)).as("nothing half-stored in the dump").isEmpty();
      assertThat(complaintNumbers(c)).as("every complaint acknowledged before the dump began")
          .containsAll(acknowledgedBefore(load, dumpBegan));
      assertThat(CaseData.count(c, "SELECT count(*) FROM pg_statistic_ext e JOIN pg_statistic_ext_data d "
          + "ON d.stxoid = e.oid WHERE e.stxname = 'redress_st_auth_perms'")).as("statistics analysed").isOne();
      // a deadline that fell due while the database was in the backup: the third case's earliest timer
      overdue = CaseData.rows(c, "SELECT j.id_ FROM act_ru_job j JOIN complaint c ON c.process_instance_id = "
          + "j.process_instance_id_ WHERE c.complaint_number = ? AND j.type_ = 'timer' ORDER BY j.duedate_",
          List.of(cases.get(2))).get(0).get("id_");
      try (PreparedStatement ps = c.prepareStatement("UPDATE act_ru_job SET duedate_ = ? WHERE id_ = ?")) {
        ps.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        ps.setString(2, overdue);
        assertThat(ps.executeUpdate()).isOne();
      }
    }
    AppNode b = AppNode.start("backup-pg-restored", restoredUrl, Map.of());
    try {
      b.awaitUp();
      CaseData.worksOn(b, cases);
      try (Connection c = TestPostgres.connect(restoredUrl)) {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int fired = 0;
        while (fired == 0 && System.nanoTime() < until) {
          fired = CaseData.count(c, "SELECT count(*) FROM act_hi_job_log WHERE job_id_ = '" + overdue
              + "' AND job_state_ = 2");
          Thread.sleep(1000);
        }
        assertThat(fired).as("the deadline that fell due while the database was in the backup fired").isOne();
      }
    } finally {
      b.stop();
    }
    System.out.printf("BackupRestoreIT PostgreSQL: dump %d bytes, %d complaints under load%n", Files.size(dump),
        load.size());
  }

  private static void runsOn(AppNode node, List<String> cases) throws Exception {
    try {
      node.awaitUp();
      CaseData.worksOn(node, cases);
    } finally {
      node.stop();
    }
  }

  private static String h2(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("data").resolve("redress");
  }

  private static Set<String> complaintNumbers(Connection c) throws Exception {
    Set<String> numbers = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT complaint_number FROM complaint")) {
      while (r.next()) {
        numbers.add(r.getString(1));
      }
    }
    return numbers;
  }

  private static Set<String> acknowledgedBefore(Map<String, Instant> load, Instant began) {
    Set<String> before = new TreeSet<>();
    load.forEach((id, at) -> {
      if (at.isBefore(began)) {
        before.add(id);
      }
    });
    assertThat(before).as("complaints acknowledged before the backup began").isNotEmpty();
    return before;
  }

  /** The newest complete backup begun at or after {@code after}; its name says when it began (to the second). */
  private static Path awaitBackupAfter(Path dir, Instant after, Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          Path found = files.filter(p -> BACKUP.matcher(p.getFileName().toString()).matches())
              .filter(p -> !began(p).isBefore(after.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
              .sorted().findFirst().orElse(null);
          if (found != null) {
            return found;
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no backup in " + dir + " begun after " + after);
  }

  private static Instant began(Path backup) {
    Matcher m = BACKUP.matcher(backup.getFileName().toString());
    assertThat(m.matches()).isTrue();
    return java.time.LocalDateTime.parse(m.group(1), java.time.format.DateTimeFormatter.ofPattern(
        "yyyyMMdd'T'HHmmss'Z'")).toInstant(java.time.ZoneOffset.UTC);
  }

  /** One of H2's tools, from the application's jar, as docs/backup-and-restore.md runs them. */
  private static void h2Tool(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", AppNode.jar().toAbsolutePath().toString(), "-Dloader.main=" + tool,
        "org.springframework.boot.loader.launch.PropertiesLauncher"));
    command.addAll(List.of(args));
    run(command, Map.of());
  }

  /**
   * pg_dump, pg_restore, vacuumdb of the server's major version: Debian's /usr/lib/postgresql/N/bin, else the ones
   * on the PATH, which must not be older than the server (pg_dump refuses a newer server).
   */
  private static void pgTool(TestPostgres.Server server, String tool, String... args) throws Exception {
    int major;
    try (Connection c = TestPostgres.connect(server.jdbcUrl(server.database()))) {
      major = CaseData.count(c, "SELECT current_setting('server_version_num')::int / 10000");
    }
    Path versioned = Path.of("/usr/lib/postgresql", String.valueOf(major), "bin", tool);
    String binary = Files.isExecutable(versioned) ? versioned.toString() : tool;
    String version = run(List.of(binary, "--version"), Map.of());
    Matcher m = Pattern.compile("(\\d+)\\.").matcher(version);
    assertThat(m.find() && Integer.parseInt(m.group(1)) >= major).as(binary + " (" + version.strip()
        + ") for a PostgreSQL " + major + " server").isTrue();
    List<String> command = new ArrayList<>(List.of(binary, "-h", server.host(), "-p",
        String.valueOf(server.port()), "-U", server.user()));
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    if (server.password() != null) {
      env.put("PGPASSWORD", server.password());
    }
    run(command, env);
  }

  private static String database(String jdbcUrl) {
    return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
  }

  private static String run(List<String> command, Map<String, String> env) throws IOException,
      InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
