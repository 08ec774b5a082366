package io.redress.cluster;

import io.redress.database.DatabaseProduct;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Several nodes started at once on one empty PostgreSQL database take turns: each holds a PostgreSQL advisory lock
 * from the first engine plugin until its context is up, so only one at a time creates Camunda's schema, the groups,
 * authorizations, filters, demo users and the model deployment (each of which only adds what is missing). Without
 * it the second node of a first start fails on "relation already exists". On H2 it does nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

  /** The advisory lock's key: "Redress" in ASCII, the same on every node. */
  static final long KEY = 0x52656472657373L;

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private Connection held;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!DatabaseProduct.isPostgres(connection)) {
        connection.close();
        return;
      }
      long started = System.nanoTime();
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + KEY + ")");
      }
      held = connection;
      LOG.info("Start-up lock taken after {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock", e);
    }
  }

  @EventListener(ContextRefreshedEvent.class)
  void started() {
    release();
  }

  /** A start that fails gives the lock back too (its context is closed). */
  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (held == null) {
      return;
    }
    try (Connection c = held; Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_unlock(" + KEY + ")");
      LOG.info("Start-up lock released");
    } catch (SQLException e) {
      LOG.warn("Start-up lock: {}", e.getMessage());
    } finally {
      held = null;
    }
  }
}
