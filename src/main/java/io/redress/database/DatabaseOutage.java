package io.redress.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database is away (stopped, restarting, unreachable) or has no connection free for this request in time: the
 * request is answered {@code 503 Service Unavailable} as a problem ({@code application/problem+json}, type
 * {@link #TYPE}) with {@code Retry-After}, never a 500, and the application carries on; the connection pool
 * (HikariCP) reconnects by itself when the database is back. Recognised by the causes of the failure, whoever
 * wrapped them (Spring's transaction manager, Camunda's engine, MyBatis): no connection could be had, the JDBC
 * driver lost its connection (SQLState class 08, or HikariCP closed it for that), or the server was shut down under
 * it (57P01 to 57P03).
 * See docs/database-outages.md.
 */
public final class DatabaseOutage {

  public static final URI TYPE = URI.create("https://redress.example/problems/database-unavailable");
  public static final String TITLE = "Database unavailable";
  public static final String DETAIL = "The database cannot be reached at the moment, so the request was not "
      + "carried out. Send it again after the seconds in Retry-After (a complaint with the same Idempotency-Key: "
      + "it is never taken in twice).";
  /** Seconds a client waits before sending the request again. */
  public static final int RETRY_AFTER_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseOutage() {
  }

  /** Whether the failure comes from the database being unavailable (anywhere in its chain of causes). */
  public static boolean isCause(Throwable failure) {
    return cause(failure) != null;
  }

  /** The link of the chain that says the database is unavailable, or null. */
  static Throwable cause(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
        return t;
      }
      if (t instanceof TransactionSystemException rollbackFailed
          && rollbackFailed.getApplicationException() != null
          && cause(rollbackFailed.getApplicationException()) != null) {
        return t; // the work failed for want of the database, and so did its rollback
      }
      if (closedByThePool(t)) {
        return t;
      }
      if (t instanceof SQLException sql) {
        // a batch's failure names its cause in the chain of next exceptions
        for (SQLException e = sql; e != null && (e == sql || seen.add(e)); e = e.getNextException()) {
          if (lostConnection(e.getSQLState())) {
            return t;
          }
        }
      }
    }
    return null;
  }

  /**
   * HikariCP's answer to any use of a connection it has closed (no SQLState): it closes a connection as soon as the
   * driver reports it broken (SQLState class 08, 57P01 ...), so a transaction that lost its connection fails its
   * rollback with this.
   */
  private static boolean closedByThePool(Throwable t) {
    if (!(t instanceof SQLException) || !"Connection is closed".equals(t.getMessage())) {
      return false;
    }
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
  }

  private static boolean lostConnection(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || SHUTDOWN_STATES.contains(sqlState));
  }

  /**
   * One line for the log: what was refused and the kind of failure (exception classes and SQLState, no message:
   * messages may carry statements or values).
   */
  public static void log(String method, String path, Throwable failure) {
    LOG.warn("{} {} answered 503: the database is unavailable ({})", method, path, summary(failure));
  }

  static String summary(Throwable failure) {
    StringBuilder s = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (!s.isEmpty()) {
        s.append(" <- ");
      }
      s.append(t.getClass().getSimpleName());
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        s.append(" SQLState ").append(sql.getSQLState());
      }
    }
    return s.toString();
  }

  /**
   * The problem's body; {@code message} as well for the engine REST API, whose clients (the Camunda webapps, the
   * Modeler) show an error's {@code message}.
   */
  public static byte[] body(String path, boolean withMessage) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", TYPE.toString());
    problem.put("title", TITLE);
    problem.put("status", 503);
    problem.put("detail", DETAIL);
    if (path != null) {
      problem.put("instance", path);
    }
    if (withMessage) {
      problem.put("message", DETAIL);
    }
    try {
      return JSON.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the 503 problem into a response that is not committed yet (its buffer is dropped, headers kept). */
  public static void write(String path, HttpServletResponse response, boolean withMessage) throws IOException {
    response.resetBuffer();
    response.setStatus(503);
    response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] body = body(path, withMessage);
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(new String(body, StandardCharsets.UTF_8));
    }
  }
}
