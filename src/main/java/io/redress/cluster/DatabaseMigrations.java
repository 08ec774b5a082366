package io.redress.cluster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Flyway migrates the database right after Camunda has created or updated its schema, not before: the migrations
 * ({@code db/migration}, and {@code db/vendor/{vendor}} for what only one database has) create the case record and
 * may also add to Camunda's tables (an index on {@code ACT_RU_JOB}, statistics on {@code ACT_RU_AUTHORIZATION}).
 *
 * <p>Spring Boot would migrate as soon as its Flyway bean is ready, before the process engine exists; as the
 * {@link FlywayMigrationStrategy} this class defers that to the engine's build, after Camunda's schema operations
 * ({@code camunda.bpm.database.schema-update}) and before any other plugin that writes to the case record (the model
 * deployment's audit entry, the demo users). On PostgreSQL this is inside the start-up lock ({@link StartupLock}), so
 * several nodes starting at once migrate one after the other. A migration that fails stops the start.
 *
 * <p>A database built by an earlier build, when the migrations were numbered V1, V2, V3, V4, V30, V90, V91, V92,
 * V93, has its history renumbered to V1 to V9 first (the scripts are the same, only their numbers changed); V3 and V4,
 * which databases built before they existed lack, are then applied out of order.
 *
 * <p>On H2, each start then moves identity columns left behind their highest id by a kill -9 ({@link H2Identities}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseMigrations extends AbstractProcessEnginePlugin implements FlywayMigrationStrategy {

  /** The scripts of the old numbering and their numbers now (issue 16): contents unchanged, checksums equal. */
  static final List<String[]> RENUMBERED = List.of(
      new String[] {"30", "V30__security.sql", "5", "V5__security.sql"},
      new String[] {"90", "V90__search_indexes.sql", "6", "V6__search_indexes.sql"},
      new String[] {"91", "V91__feedback_survey.sql", "7", "V7__feedback_survey.sql"},
      new String[] {"92", "V92__approved_amount_one_process.sql", "8", "V8__approved_amount_one_process.sql"},
      new String[] {"93", "V93__customer_details.sql", "9", "V9__customer_details.sql"});

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrations.class);

  private final ObjectProvider<Flyway> flyway;
  private final DataSource dataSource;

  DatabaseMigrations(ObjectProvider<Flyway> flyway, DataSource dataSource) {
    this.flyway = flyway;
    this.dataSource = dataSource;
  }

  /** Spring Boot's start of the migration: deferred to {@link #postProcessEngineBuild}. */
  @Override
  public void migrate(Flyway ignored) {
    LOG.debug("Database migrations deferred until Camunda's schema is there");
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    Flyway configured = flyway.getIfAvailable();
    if (configured != null) {
      migrate(configured, dataSource);
    }
  }

  /** Migrates to the latest version (or to {@code spring.flyway.target}), healing the old numbering first. */
  static MigrateResult migrate(Flyway configured, DataSource dataSource) {
    Flyway run = configured;
    if (renumberOldHistory(dataSource, configured.getConfiguration().getTable()) > 0) {
      run = Flyway.configure(configured.getConfiguration().getClassLoader())
          .configuration(configured.getConfiguration()).outOfOrder(true).load();
    }
    MigrateResult result = run.migrate();
    H2Identities.moveBehindOnes(dataSource);
    if (result.migrationsExecuted > 0) {
      LOG.info("Database migrated from version {} to {} ({} migrations)", result.initialSchemaVersion,
          result.targetSchemaVersion, result.migrationsExecuted);
    }
    return result;
  }

  /** Renumbers the rows of the old numbering in Flyway's history table; returns how many. */
  static int renumberOldHistory(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection()) {
      String name = existing(c.getMetaData(), c.getSchema(), table);
      if (name == null) {
        return 0;
      }
      int changed = 0;
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement("UPDATE \"" + name + "\" SET \"version\" = ?, "
          + "\"script\" = ? WHERE \"version\" = ? AND \"script\" = ?")) {
        for (String[] r : RENUMBERED) {
          update.setString(1, r[2]);
          update.setString(2, r[3]);
          update.setString(3, r[0]);
          update.setString(4, r[1]);
          changed += update.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
      if (changed > 0) {
        LOG.warn("Migration history of the old numbering (V30, V90 ...): {} entries renumbered (V5 to V9); missing "
            + "earlier versions are applied out of order", changed);
      }
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the migration history " + table, e);
    }
  }

  /** The history table's name as the database spells it, or null when there is none yet. */
  private static String existing(DatabaseMetaData metaData, String schema, String table) throws SQLException {
    for (String candidate : List.of(table, table.toUpperCase(), table.toLowerCase())) {
      try (ResultSet r = metaData.getTables(null, schema, candidate, new String[] {"TABLE"})) {
        if (r.next()) {
          return r.getString("TABLE_NAME");
        }
      }
    }
    return null;
  }
}
