package io.redress.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures mean "the database is unavailable" (503 with Retry-After) and which stay what they were: the
 * shapes below are the ones the application meets when PostgreSQL stops under it (DatabaseOutageIT shows them for
 * real).
 */
class DatabaseOutageTest {

  @Test
  void noConnectionFromThePoolWhileTheServerIsDown() {
    // HikariCP after connection-timeout, with the driver's refusal as cause; Spring's transaction manager around it
    SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001",
        new ConnectException("Connection refused"));
    Exception failure = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
        new SQLTransientConnectionException("redress - Connection is not available, request timed out after 5000ms",
            "08001", refused));
    assertThat(DatabaseOutage.isCause(failure)).isTrue();
    assertThat(DatabaseOutage.isCause(new RuntimeException("in a servlet filter", failure))).isTrue();
  }

  @Test
  void aConnectionLostInTheMiddleOfTheEnginesWork() {
    Exception io = new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
        new PersistenceException("### Error updating database. Cause: ...",
            new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    assertThat(DatabaseOutage.isCause(io)).isTrue();
    // a batch names the cause in its next exception only: the server shut down under it
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
    batch.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));
    assertThat(DatabaseOutage.isCause(new ProcessEngineException("flush failed", batch))).isTrue();
  }

  @Test
  void aRollbackThatFailsOnTheConnectionThePoolClosed() {
    // what HikariCP throws for any use of a connection it closed because the driver reported it broken
    SQLException closed = new SQLException("Connection is closed");
    closed.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0",
        "ProxyConnection.java", 562)});
    assertThat(DatabaseOutage.isCause(new ProcessEngineException("persistence",
        new TransactionSystemException("JDBC rollback failed", closed)))).isTrue();
    // the same message from elsewhere says nothing
    assertThat(DatabaseOutage.isCause(new SQLException("Connection is closed"))).isFalse();
    // a failed rollback after work that failed for want of the database
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("rollback failed"));
    rollback.initApplicationException(new SQLException("An I/O error occurred", "08006"));
    assertThat(DatabaseOutage.isCause(rollback)).isTrue();
  }

  @Test
  void otherFailuresStayWhatTheyWere() {
    assertThat(DatabaseOutage.isCause(new ProcessEngineException("Unknown property used in expression"))).isFalse();
    assertThat(DatabaseOutage.isCause(new DuplicateKeyException("duplicate",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(DatabaseOutage.isCause(new SQLException("syntax error", "42601"))).isFalse();
    assertThat(DatabaseOutage.isCause(null)).isFalse();
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b); // a cycle ends the walk
    assertThat(DatabaseOutage.isCause(a)).isFalse();
  }

  @Test
  void theLogLineNamesKindsNotMessages() {
    String summary = DatabaseOutage.summary(new ProcessEngineException("INSERT INTO complaint VALUES ('Li Wei')",
        new SQLException("value 13800000000", "08006")));
    assertThat(summary).isEqualTo("ProcessEngineException <- SQLException SQLState 08006");
  }

  @Test
  void theProblemSaysWhatToDoAndNothingInternal() {
    String body = new String(DatabaseOutage.body("/api/complaints", false), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).contains("\"type\":\"https://redress.example/problems/database-unavailable\"",
        "\"status\":503", "\"instance\":\"/api/complaints\"", "Retry-After").doesNotContain("message");
    assertThat(new String(DatabaseOutage.body("/engine-rest/task", true), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"message\":");
  }
}
