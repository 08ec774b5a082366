package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migrations are numbered V1, V2, ... without gaps, each version once for every database, and a database of the
 * old numbering (V1, V2, V3, V4, V30, V90 ...) migrates to the new one, also when it was built before V3 and V4
 * existed, which Flyway refused (issue 16).
 */
class MigrationNumberingTest {

  static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

  private final List<ProcessEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(ProcessEngine::close);
  }

  @Test
  void theMigrationsOfEachDatabaseAreNumberedOneToNWithoutGapsOrDuplicates() throws IOException {
    for (String vendor : List.of("h2", "postgresql")) {
      List<Integer> versions = new ArrayList<>(versions(vendor).keySet());
      assertThat(versions).as(vendor).isNotEmpty();
      List<Integer> expected = new ArrayList<>();
      for (int v = 1; v <= versions.size(); v++) {
        expected.add(v);
      }
      assertThat(versions).as("migration versions on " + vendor).isEqualTo(expected);
    }
    assertThat(versions("h2").keySet()).isEqualTo(versions("postgresql").keySet());
  }

  @Test
  void aDatabaseBuiltBeforeV3AndV4ExistedGetsThemAndEverythingAfter() throws Exception {
    DataSource db = camundaDatabase();
    // as it was: V1, V2, then V30 and V90 (no V3, no V4), applied by the build of the time
    Map<Integer, Resource> now = versions("h2");
    Path old = oldNumbering(now, Map.of(1, 1, 2, 2, 5, 30, 6, 90));
    flyway(db, "filesystem:" + old).migrate();
    assertThat(applied(db)).containsExactly("0", "1", "2", "30", "90");
    assertThat(current(db).validateWithResult().validationSuccessful).as("what Flyway said before the fix").isFalse();

    DatabaseMigrations.migrate(current(db), db);

    assertThat(applied(db)).as("every version, V3 and V4 out of order")
        .containsExactlyInAnyOrder(all(now).toArray(String[]::new));
    assertThat(current(db).validateWithResult().validationSuccessful).isTrue();
    assertThat(current(db).info().pending()).isEmpty();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      // V3 and V4's tables, and V9 after them
      s.executeQuery("SELECT count(*) FROM outbound_message").close();
      s.executeQuery("SELECT count(*) FROM case_deadline, paused_timer").close();
      s.executeQuery("SELECT paused_at FROM complaint").close();
      s.executeQuery("SELECT count(*) FROM customer_detail").close();
    }
  }

  @Test
  void aDatabaseOfTheFullOldNumberingIsRenumberedAndMigratesOn() throws Exception {
    DataSource db = camundaDatabase();
    Map<Integer, Resource> now = versions("h2");
    Path old = oldNumbering(now, Map.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 30, 6, 90, 7, 91, 8, 92, 9, 93));
    flyway(db, "filesystem:" + old).migrate();
    assertThat(applied(db)).containsExactly("0", "1", "2", "3", "4", "30", "90", "91", "92", "93");

    DatabaseMigrations.migrate(current(db), db);

    assertThat(applied(db)).containsExactlyElementsOf(all(now));
    assertThat(current(db).validateWithResult().validationSuccessful).isTrue();
    // a second start changes nothing
    assertThat(DatabaseMigrations.migrate(current(db), db).migrationsExecuted).isZero();
  }

  /** The versions of the migrations a database of this vendor gets, from the classpath as the application sees it. */
  static Map<Integer, Resource> versions(String vendor) throws IOException {
    Map<Integer, Resource> versions = new TreeMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String location : List.of("classpath*:db/migration/*.sql", "classpath*:db/vendor/" + vendor + "/*.sql")) {
      for (Resource r : resolver.getResources(location)) {
        Matcher m = VERSIONED.matcher(r.getFilename());
        if (m.matches()) {
          Resource before = versions.put(Integer.parseInt(m.group(1)), r);
          assertThat(before).as("version " + m.group(1) + " twice on " + vendor).isNull();
        }
      }
    }
    return versions;
  }

  private static List<String> all(Map<Integer, Resource> versions) {
    List<String> all = new ArrayList<>(List.of("0"));
    versions.keySet().forEach(v -> all.add(String.valueOf(v)));
    return all;
  }

  /** Copies of today's scripts under the numbers they had: the same contents, so the same checksums. */
  private static Path oldNumbering(Map<Integer, Resource> now, Map<Integer, Integer> oldNumbers) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "old-migrations-");
    for (Map.Entry<Integer, Integer> e : oldNumbers.entrySet()) {
      Resource r = now.get(e.getKey());
      String name = r.getFilename().replaceFirst("^V\\d+__", "V" + e.getValue() + "__");
      try (InputStream in = r.getInputStream()) {
        Files.copy(in, dir.resolve(name));
      }
    }
    return dir;
  }

  /** An empty H2 database with Camunda's schema, as the engine leaves it before the migrations run. */
  private DataSource camundaDatabase() {
    String url = "jdbc:h2:mem:migration-numbering-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    // a name of its own: the engine registry of the test JVM keeps "default" for the application's engine
    configuration.setProcessEngineName("migration-numbering-" + UUID.randomUUID());
    configuration.setJdbcUrl(url);
    configuration.setJdbcDriver("org.h2.Driver");
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    engines.add(configuration.buildProcessEngine());
    return new DriverManagerDataSource(url, "sa", "");
  }

  private static Flyway flyway(DataSource db, String... locations) {
    return Flyway.configure().dataSource(db).table("redress_schema_history").baselineOnMigrate(true)
        .baselineVersion("0").locations(locations).placeholders(Map.of("zone", "Asia/Shanghai")).load();
  }

  /** Flyway as the application configures it (application.yaml, {vendor} = h2). */
  private static Flyway current(DataSource db) {
    return flyway(db, "classpath:db/migration", "classpath:db/vendor/h2");
  }

  private static List<String> applied(DataSource db) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"version\", \"success\" FROM \"redress_schema_history\" "
            + "WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      // (Flyway's own entries without a version: the history table's creation)
      while (r.next()) {
        assertThat(r.getBoolean("success")).isTrue();
        versions.add(r.getString("version"));
      }
    }
    return versions;
  }
}
