package io.redress.database;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which database the application runs on, for the few statements that differ between H2 and PostgreSQL. */
public final class DatabaseProduct {

  private DatabaseProduct() {
  }

  public static boolean isPostgres(JdbcTemplate jdbc) {
    return Boolean.TRUE.equals(jdbc.execute((Connection c) -> isPostgres(c)));
  }

  public static boolean isPostgres(Connection connection) throws SQLException {
    return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
  }
}
