package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A start on an H2 database whose identity was left behind its highest id (what a {@code kill -9} leaves when it
 * falls between H2 moving an identity's margin and writing it) moves the identity on, so the first insert after the
 * restart does not hit the primary key; identities already ahead are left alone. {@code CrashIT} makes the same state
 * after a real kill -9 and checks the restarted node's intake over HTTP.
 */
class H2IdentitiesTest {

  private ProcessEngine engine;
  private DataSource db;

  @BeforeEach
  void migratedDatabase() {
    String url = "jdbc:h2:mem:h2-identities-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("h2-identities-" + UUID.randomUUID());
    configuration.setJdbcUrl(url);
    configuration.setJdbcDriver("org.h2.Driver");
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    engine = configuration.buildProcessEngine();
    db = new DriverManagerDataSource(url, "sa", "");
    DatabaseMigrations.migrate(flyway(), db);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void anIdentityLeftBehindItsRowsIsMovedPastThemAtTheNextStart() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        s.executeUpdate(event("before the kill " + i));
      }
      // the state of the crash: the identity's next value is below ids already taken
      s.execute("ALTER TABLE audit_event ALTER COLUMN id RESTART WITH 2");
      assertThatThrownBy(() -> s.executeUpdate(event("without the repair"))).isInstanceOf(SQLException.class)
          .hasMessageContaining("AUDIT_EVENT");
    }

    DatabaseMigrations.migrate(flyway(), db);

    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(event("after the restart"));
      assertThat(ids(s, "audit_event")).containsExactly(1L, 2L, 3L, 4L);
      assertThat(detailOf(s, 4)).isEqualTo("after the restart");
    }
  }

  @Test
  void anIdentityAheadOfItsRowsIsLeftAsItIsSoIdsOfDeletedRowsAreNotGivenOutAgain() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.executeUpdate(event("event " + i));
      }
      s.executeUpdate("DELETE FROM audit_event WHERE id > 3");
    }

    assertThat(H2Identities.moveBehindOnes(db)).isZero();

    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(event("next"));
      assertThat(ids(s, "audit_event")).containsExactly(1L, 2L, 3L, 6L);
    }
  }

  @Test
  void everyIdentityOfTheCaseRecordIsChecked() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      assertThat(H2Identities.identities(s)).extracting(i -> i.table().toLowerCase())
          .contains("complaint_event", "case_deadline", "outbound_message", "audit_event", "customer_contact",
              "case_evidence");
    }
  }

  /**
   * Every identity of the case record takes its values from a margin of 1,024 (db/vendor/h2/V20): with H2's default
   * of 32 the margin's own commit came every three to four intakes. A table added later without it fails here.
   */
  @Test
  void everyIdentityOfTheCaseRecordWritesItsMarginOncePer1024Values() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
            + "WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = CURRENT_SCHEMA ORDER BY TABLE_NAME")) {
      Map<String, Long> caches = new java.util.TreeMap<>();
      while (r.next()) {
        caches.put(r.getString(1).toLowerCase(), r.getLong(2));
      }
      assertThat(caches).containsKeys("complaint_event", "case_deadline", "outbound_message", "audit_event");
      assertThat(caches).allSatisfy((table, cache) -> assertThat(cache).as(table).isEqualTo(1024L));
    }
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        s.executeUpdate(event("after the migration " + i));
      }
      assertThat(ids(s, "audit_event")).as("the numbering goes on without a gap in one run").containsExactly(1L, 2L, 3L);
    }
  }

  private static String event(String detail) {
    return "INSERT INTO audit_event (occurred_at, actor, action, outcome, detail) VALUES "
        + "(CURRENT_TIMESTAMP, 'test', 'note', 'ok', '" + detail + "')";
  }

  private static List<Long> ids(Statement s, String table) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    return ids;
  }

  private static String detailOf(Statement s, long id) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT detail FROM audit_event WHERE id = " + id)) {
      r.next();
      return r.getString(1);
    }
  }

  private Flyway flyway() {
    return Flyway.configure().dataSource(db).table("redress_schema_history").baselineOnMigrate(true)
        .baselineVersion("0").locations("classpath:db/migration", "classpath:db/vendor/h2")
        .placeholders(Map.of("zone", "Asia/Shanghai")).load();
  }
}
