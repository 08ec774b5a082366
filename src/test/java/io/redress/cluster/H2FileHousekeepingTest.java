package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Under {@code WRITE_DELAY=0} H2 never compacts its file: every commit appends a chunk, and a chunk that keeps one
 * live page keeps all its space. The churn here is the engine's in small: each commit inserts a row per variable
 * name (rows that an index by name scatters over many pages), deletes the rows of a few commits before (the runtime
 * tables) and keeps a copy (the history). The same churn, once with the housekeeping's passes between the commits
 * and once without, on H2 files as the application opens them.
 */
class H2FileHousekeepingTest {

  static final int COMMITS = 1500;
  static final int NAMES = 30;

  @Test
  void withThePassesTheFileStaysAFractionOfTheSizeItReachesWithout() throws Exception {
    Result without = churn(false);
    Result with = churn(true);
    System.out.printf("H2 file after %d commits: %,d bytes, chunks %d%% alive without the housekeeping; %,d bytes, "
        + "%d%% alive with it%n", COMMITS, without.bytes, without.fillRate, with.bytes, with.fillRate);
    assertThat(without.fillRate).as("chunks alive without the housekeeping").isLessThan(40);
    assertThat(with.fillRate).as("chunks alive with it").isGreaterThan(without.fillRate + 20);
    assertThat(with.bytes).isLessThan(without.bytes / 2);
    assertThat(with.rows).as("every row kept").isEqualTo(without.rows).isEqualTo((long) COMMITS * NAMES);
  }

  @Test
  void nothingIsStartedForADatabaseThatIsNotAnH2FileWithoutItsOwnHousekeeping() throws Exception {
    DriverManagerDataSource memory = new DriverManagerDataSource("jdbc:h2:mem:hk-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1", "sa", "");
    assertThat(H2FileHousekeeping.fileStoreWithoutHousekeeping(memory)).isNull();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "h2-housekeeping-");
    // H2's default write delay: its own background thread compacts
    try (SingleConnectionDataSource delayed = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("d"),
        "sa", "", true)) {
      assertThat(H2FileHousekeeping.fileStoreWithoutHousekeeping(delayed)).isNull();
    }
  }

  record Result(long bytes, int fillRate, long rows) {
  }

  private static Result churn(boolean housekeeping) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "h2-housekeeping-");
    // the application's options; a short retention so that emptied chunks are reused within the test's time
    String url = "jdbc:h2:file:" + dir.resolve("redress") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;"
        + "QUERY_CACHE_SIZE=64;RETENTION_TIME=0";
    try (SingleConnectionDataSource db = new SingleConnectionDataSource(url, "sa", "", true)) {
      H2FileHousekeeping keeper = new H2FileHousekeeping(db, java.time.Duration.ofSeconds(1),
          org.springframework.util.unit.DataSize.ofMegabytes(16));
      MVStore store = H2FileHousekeeping.fileStoreWithoutHousekeeping(db);
      assertThat(store).as("the H2 file of the application's URL").isNotNull();
      Connection c = db.getConnection();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE variable (id VARCHAR(64) PRIMARY KEY, name VARCHAR(64), text VARCHAR(200), n INT)");
        s.execute("CREATE INDEX ix_variable_name ON variable (name)");
        s.execute("CREATE TABLE variable_history (id VARCHAR(64) PRIMARY KEY, name VARCHAR(64), text VARCHAR(200))");
        s.execute("CREATE INDEX ix_variable_history_name ON variable_history (name)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO variable VALUES (?, ?, ?, ?)");
          PreparedStatement history = c.prepareStatement("INSERT INTO variable_history VALUES (?, ?, ?)");
          PreparedStatement delete = c.prepareStatement("DELETE FROM variable WHERE n = ?")) {
        for (int i = 0; i < COMMITS; i++) {
          for (int v = 0; v < NAMES; v++) {
            String id = UUID.randomUUID().toString();
            String text = "case " + i + " variable " + v + " " + "x".repeat(100);
            insert.setString(1, id);
            insert.setString(2, "name" + v);
            insert.setString(3, text);
            insert.setInt(4, i);
            insert.addBatch();
            history.setString(1, id);
            history.setString(2, "name" + v);
            history.setString(3, text);
            history.addBatch();
          }
          insert.executeBatch();
          history.executeBatch();
          delete.setInt(1, i - 5);
          delete.executeUpdate();
          c.commit();
          if (housekeeping && i % 10 == 9) {
            keeper.compactWith(store);
          }
        }
      }
      c.setAutoCommit(true);
      long rows;
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM variable_history")) {
        r.next();
        rows = r.getLong(1);
      }
      return new Result(store.getFileStore().size(), store.getFileStore().getChunksFillRate(), rows);
    }
  }
}
