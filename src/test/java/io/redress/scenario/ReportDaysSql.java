package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements of migration V16 that sum the fact rows per day (run as they are, in the centre's zone): to fill the
 * day sums of rows seeded by SQL, and to check that the sums the application kept as cases ended and reopened are what
 * the migration computes from {@code complaint_fact}.
 */
public final class ReportDaysSql {

  static final String ZONE = "Asia/Shanghai";

  private ReportDaysSql() {
  }

  /** The migration's statements from {@code SET TIME ZONE} to {@code SET TIME ZONE LOCAL}. */
  static List<String> statements() {
    String sql;
    try (InputStream in = ReportDaysSql.class.getResourceAsStream("/db/migration/V16__report_days.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String fill = sql.substring(sql.indexOf("SET TIME ZONE '"), sql.indexOf("SET TIME ZONE LOCAL;"));
    List<String> statements = new ArrayList<>();
    for (String s : fill.replace("${zone}", ZONE).split(";")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    statements.add("SET TIME ZONE LOCAL");
    return statements;
  }

  /** Sums every fact row afresh, as the migration does. */
  public static void refill(JdbcTemplate jdbc) {
    jdbc.execute((ConnectionCallback<Void>) c -> {
      try (Statement s = c.createStatement()) {
        for (String table : List.of("report_closed_day", "report_received_day", "report_closed_count")) {
          s.execute("DELETE FROM " + table);
        }
        for (String statement : statements()) {
          s.execute(statement);
        }
      }
      return null;
    });
  }

  /** The sums kept equal those the migration computes from the fact rows (rows that fell to zero left out). */
  public static void assertKeptAsMigrationSums(JdbcTemplate jdbc) {
    jdbc.execute((ConnectionCallback<Void>) c -> {
      try (Statement s = c.createStatement()) {
        s.execute(statements().get(0));
        try {
          for (String statement : statements()) {
            if (!statement.startsWith("INSERT INTO ")) {
              continue;
            }
            String table = statement.substring("INSERT INTO ".length(), statement.indexOf(' ', 12));
            String columns = statement.substring(statement.indexOf('(') + 1, statement.indexOf(')'));
            String select = statement.substring(statement.indexOf("SELECT "));
            String kind = select.contains("'handler'") ? "handler" : select.contains("'root-cause'") ? "root-cause"
                : null;
            String span = select.startsWith("SELECT 'month'") ? "month" : "day";
            String kept = "SELECT " + columns + " FROM " + table + " WHERE span = '" + span + "'"
                + (kind == null ? "" : " AND kind = '" + kind + "'");
            assertThat(nonZero(s, kept)).as(table + " " + span + (kind == null ? "" : " " + kind))
                .isEqualTo(nonZero(s, select));
          }
        } finally {
          s.execute("SET TIME ZONE LOCAL");
        }
      }
      return null;
    });
  }

  /** Each row's key columns (the leading strings and date) to its counts, counts all zero left out. */
  private static Map<String, String> nonZero(Statement s, String sql) throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder key = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        boolean zero = true;
        for (int i = 1; i <= n; i++) {
          Object v = r.getObject(i);
          if (v instanceof Number) {
            BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
            zero &= d.signum() == 0;
            counts.append(d.toPlainString()).append(' ');
          } else {
            key.append(v).append('|');
          }
        }
        if (!zero) {
          rows.put(key.toString(), counts.toString());
        }
      }
    }
    return rows;
  }
}
