package io.redress.cluster;

import static io.redress.cluster.CaseData.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.redress.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database built at the previous release's schema migrates to the current one, keeps its cases, tasks and armed
 * deadlines, and the application runs on it (issue 16).
 *
 * <p>"The previous release's schema" is the schema one migration back: the latest version minus one, read from the
 * migration files of the database's vendor ({@code db/migration}, {@code db/vendor/<vendor>}), so the test moves on
 * with every migration added and always tries the newest one on a database with data in it. The packaged
 * application builds that database itself, started with {@code spring.flyway.target} at that version (its
 * Camunda schema as it creates it, the case record up to that version); cases are made over HTTP (three at
 * different points, three more that are only read afterwards), then it stops. Started again without the target,
 * the application migrates the database to the latest version at start; the cases it did not touch are the same row
 * for row (case record, deadlines, open tasks, armed timers and their due dates), and it works on them (tasks done,
 * a complaint taken in). Once on the default H2 database (in a file), once on a fresh PostgreSQL database.
 *
 * <p>The stand-in holds as long as the current code can take in and work on cases on the previous schema, which
 * every additive migration allows; a migration that the intake itself depends on makes the first half fail, and the
 * previous release's database then has to come from that release (a copy of its jar, or a dump of a database it
 * built, restored as in docs/backup-and-restore.md).
 */
class UpgradeIT {

  @Test
  void anH2DatabaseOfThePreviousSchemaMigratesAndKeepsItsCases() throws Exception {
    List<Integer> versions = new ArrayList<>(MigrationNumberingTest.versions("h2").keySet());
    int latest = versions.get(versions.size() - 1);
    int previous = versions.get(versions.size() - 2);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "upgrade-it-h2-");
    String url = "jdbc:h2:file:" + dir.resolve("data").resolve("redress");
    upgrade(previous, latest,
        target -> AppNode.startDefault("upgrade-h2-" + (target == null ? "current" : "previous"), dir,
            target == null ? Map.of() : Map.of("spring.flyway.target", target)),
        () -> DriverManager.getConnection(url, "sa", ""));
  }

  @Test
  void aPostgresDatabaseOfThePreviousSchemaMigratesAndKeepsItsCases() throws Exception {
    List<Integer> versions = new ArrayList<>(MigrationNumberingTest.versions("postgresql").keySet());
    int latest = versions.get(versions.size() - 1);
    int previous = versions.get(versions.size() - 2);
    String database = TestPostgres.newDatabase();
    upgrade(previous, latest,
        target -> AppNode.start("upgrade-pg-" + (target == null ? "current" : "previous"), database,
            target == null ? Map.of() : Map.of("spring.flyway.target", target)),
        () -> TestPostgres.connect(database));
  }

  interface Starter {
    AppNode start(String flywayTarget) throws Exception;
  }

  interface Database {
    Connection connect() throws Exception;
  }

  private void upgrade(int previous, int latest, Starter starter, Database database) throws Exception {
    assertThat(previous).isLessThan(latest);
    AppNode old = starter.start(String.valueOf(previous));
    List<String> worked;
    List<String> witnesses;
    try {
      old.awaitUp();
      worked = CaseData.threeCases(old, "Upgrade");
      witnesses = CaseData.threeCases(old, "Upgrade witness");
    } finally {
      old.stop();
    }
    Map<String, ?> before;
    try (Connection c = database.connect()) {
      assertThat(schemaVersion(c)).as("the database of the previous schema").isEqualTo(previous);
      before = snapshot(c, witnesses);
      assertThat(CaseData.count(c, "SELECT count(*) FROM act_ru_job j JOIN complaint c "
          + "ON c.process_instance_id = j.process_instance_id_ WHERE j.type_ = 'timer'"))
          .as("armed timers of the cases").isGreaterThanOrEqualTo(6);
    }

    AppNode current = starter.start(null);
    try {
      current.awaitUp();
      CaseData.worksOn(current, worked);
    } finally {
      current.stop();
    }
    try (Connection c = database.connect()) {
      assertThat(schemaVersion(c)).as("migrated at start").isEqualTo(latest);
      assertThat(snapshot(c, witnesses)).isEqualTo(before);
      assertThat(CaseData.inconsistencies(c)).isEmpty();
    }
    System.out.printf("UpgradeIT: version %d -> %d, %d cases kept%n", previous, latest, worked.size()
        + witnesses.size());
  }

  /** The highest version Flyway applied successfully. */
  static int schemaVersion(Connection c) throws Exception {
    int version = -1;
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT \"version\", \"success\" FROM \"redress_schema_history\" WHERE \"version\" IS NOT NULL")) {
      while (r.next()) {
        assertThat(r.getBoolean("success")).as("migration " + r.getString("version")).isTrue();
        version = Math.max(version, Integer.parseInt(r.getString("version")));
      }
    }
    return version;
  }
}
