package io.redress.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a {@code kill -9} on the default H2 database, the next value of each identity column ({@code complaint_event},
 * {@code case_deadline}, {@code outbound_message} ...) is moved past the highest id its table holds.
 *
 * <p>H2 (2.3) keeps an identity's position in memory and writes it to its file a margin ahead (1,024 values,
 * db/vendor/h2/V20), in a commit of its own. Between one insert moving that margin and its write reaching the file, other connections can take values
 * beyond the old margin and commit their rows, which the commit makes durable at once. A process killed in
 * that window comes back with the old margin, below ids already taken, and the next inserts fail on the primary key:
 * every intake answered 503 until the numbers went past them (CrashIT saw it on a fresh-clone CI run, the
 * {@code complaint_event} row 4099). PostgreSQL logs its sequences with the rows, so only H2 is checked.
 *
 * <p>Runs at each start, after the migrations and before the node takes any request; a column whose next value is
 * already above its highest id is left as it is (ids of deleted rows are never given out again).
 */
final class H2Identities {

  private static final Logger LOG = LoggerFactory.getLogger(H2Identities.class);

  private H2Identities() {
  }

  record Identity(String schema, String table, String column, long next) {
  }

  /** Moves each identity of the current schema whose next value is not above its highest id; returns how many. */
  static int moveBehindOnes(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (!"H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
        return 0;
      }
      int moved = 0;
      try (Statement s = c.createStatement()) {
        for (Identity identity : identities(s)) {
          Long highest = highest(s, identity);
          if (highest != null && highest >= identity.next()) {
            restart(s, identity, highest + 1);
            LOG.warn("Identity {}.{} was at {}, not above the highest id {} (an unclean stop of H2 left it so): moved "
                + "to {}", identity.table(), identity.column(), identity.next(), highest, highest + 1);
            moved++;
          }
        }
      }
      return moved;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check the identity columns of the H2 database", e);
    }
  }

  static List<Identity> identities(Statement s) throws SQLException {
    List<Identity> identities = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, IDENTITY_BASE "
        + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = CURRENT_SCHEMA "
        + "ORDER BY TABLE_NAME")) {
      while (r.next()) {
        identities.add(new Identity(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
      }
    }
    return identities;
  }

  /** Gives the identity's next value as {@code next}. */
  static void restart(Statement s, Identity identity, long next) throws SQLException {
    s.execute("ALTER TABLE " + quoted(identity.schema()) + "." + quoted(identity.table()) + " ALTER COLUMN "
        + quoted(identity.column()) + " RESTART WITH " + next);
  }

  /** The column's highest id, or null when the table is empty. */
  static Long highest(Statement s, Identity identity) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT MAX(" + quoted(identity.column()) + ") FROM "
        + quoted(identity.schema()) + "." + quoted(identity.table()))) {
      r.next();
      long max = r.getLong(1);
      return r.wasNull() ? null : max;
    }
  }

  /** A name as the database's catalogue spells it, quoted (the names come from the catalogue, never from a user). */
  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
