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
 * A database built by the previous release migrates to the current schema, keeps its cases, tasks and armed
 * deadlines, and the application runs on it (issue 16).
 *
 * <p>The previous release is the application as it was before the newest migration came ({@link PreviousRelease}:
 * its jar, built from the project's history), so the test moves on with every migration added and always tries the
 * newest ones on a database with data in it, made by the code that ran on the schema before them. That jar builds
 * the database (its Camunda schema as it creates it, the case record as its migrations leave it); cases are made
 * over HTTP (three at different points, three more that are only read afterwards), then it stops. The current jar,
 * started on the same database, migrates it to the latest version at start; the cases it did not touch are the same
 * row for row (case record, deadlines, open tasks, armed timers and their due dates), and it works on them (tasks
 * done, a complaint taken in). Once on the default H2 database (in a file), once on a fresh PostgreSQL database.
 */
class UpgradeIT {

  @Test
  void anH2DatabaseOfThePreviousReleaseMigratesAndKeepsItsCases() throws Exception {
    PreviousRelease release = PreviousRelease.get();
    List<Integer> versions = new ArrayList<>(MigrationNumberingTest.versions("h2").keySet());
    int latest = versions.get(versions.size() - 1);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "upgrade-it-h2-");
    String url = "jdbc:h2:file:" + dir.resolve("data").resolve("redress");
    upgrade(release.schemaVersion("h2"), latest,
        previous -> previous
            ? AppNode.startDefault("upgrade-h2-previous", dir, Map.of(), release.jar)
            : AppNode.startDefault("upgrade-h2-current", dir, Map.of()),
        () -> DriverManager.getConnection(url, "sa", ""));
  }

  @Test
  void aPostgresDatabaseOfThePreviousReleaseMigratesAndKeepsItsCases() throws Exception {
    PreviousRelease release = PreviousRelease.get();
    List<Integer> versions = new ArrayList<>(MigrationNumberingTest.versions("postgresql").keySet());
    int latest = versions.get(versions.size() - 1);
    String database = TestPostgres.newDatabase();
    upgrade(release.schemaVersion("postgresql"), latest,
        previous -> previous
            ? AppNode.start("upgrade-pg-previous", database, TestPostgres.server(), Map.of(), release.jar)
            : AppNode.start("upgrade-pg-current", database, Map.of()),
        () -> TestPostgres.connect(database));
  }

  interface Starter {
    AppNode start(boolean previousRelease) throws Exception;
  }

  interface Database {
    Connection connect() throws Exception;
  }

  private void upgrade(int previous, int latest, Starter starter, Database database) throws Exception {
    assertThat(previous).isLessThan(latest);
    AppNode old = starter.start(true);
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
      assertThat(schemaVersion(c)).as("the database of the previous release").isEqualTo(previous);
      before = snapshot(c, witnesses);
      assertThat(CaseData.count(c, "SELECT count(*) FROM act_ru_job j JOIN complaint c "
          + "ON c.process_instance_id = j.process_instance_id_ WHERE j.type_ = 'timer'"))
          .as("armed timers of the cases").isGreaterThanOrEqualTo(6);
    }

    AppNode current = starter.start(false);
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
