package io.redress.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL (14 and later): statistics on the permission bits of {@code ACT_RU_AUTHORIZATION}, so that the
 * planner knows how many grants a task query's authorization check really matches.
 *
 * <p>Every candidate group of a task gets a grant of its own (Camunda's default authorization provider), so with
 * 10,000 open tasks there are some 10,000 grants. Camunda's task query joins them with
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')} after filtering them with {@code A.PERMS_ & 2 = 2}; PostgreSQL
 * has no statistics for such an expression and guesses 0.5% of the rows match, so it plans a nested loop that
 * compares every task with every grant: 100 million comparisons and 15 to 20 s for the first page of *My group's
 * tasks* at 10,000 open cases (measured, see docs/benchmark-notes.md). With statistics on the expressions it looks
 * each task's grants up in the index on {@code RESOURCE_ID_} instead (well under a second at 10,000). Created when
 * missing, then the table is analysed once; autovacuum keeps them current afterwards. The statistics only help a
 * plan made for the query's values: the postgres profile sets {@code plan_cache_mode = force_custom_plan}, since the
 * JDBC driver's server-prepared statements would otherwise get PostgreSQL's generic plan, the slow one.
 */
@Component
class AuthorizationStatistics extends AbstractProcessEnginePlugin {

  static final String NAME = "redress_st_auth_perms";

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  private final DataSource dataSource;

  AuthorizationStatistics(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())
          || c.getMetaData().getDatabaseMajorVersion() < 14) {
        return;
      }
      // READ (2) and UPDATE (4) of tasks and instances, READ_TASK (64) and READ_INSTANCE (512) of definitions
      s.execute("CREATE STATISTICS IF NOT EXISTS " + NAME + " ON (perms_ & 2), (perms_ & 4), (perms_ & 64), "
          + "(perms_ & 512) FROM act_ru_authorization");
      try (var r = s.executeQuery("SELECT 1 FROM pg_statistic_ext e JOIN pg_statistic_ext_data d "
          + "ON d.stxoid = e.oid WHERE e.stxname = '" + NAME + "'")) {
        if (!r.next()) {
          s.execute("ANALYZE act_ru_authorization");
        }
      }
    } catch (SQLException e) {
      LOG.warn("Statistics {} on act_ru_authorization not created: {}", NAME, e.getMessage());
    }
  }
}
