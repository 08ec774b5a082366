package io.redress.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Due jobs are acquired earliest first ({@code jobExecutorAcquireByDueDate}) through an index on
 * {@code ACT_RU_JOB.DUEDATE_}, which Camunda's schema does not have: every open case holds several timers (its
 * stage and customer deadlines, reminders, progress messages), and without the index each acquisition reads
 * through all of them to find the few that are due. With it the database walks the index from the earliest due
 * date and stops after a handful of rows; the deadline that fell due first is also the first to escalate. For that
 * every job needs a due date ({@code ensureJobDueDateNotNull}): the acquisition then asks only for
 * {@code DUEDATE_ <= now} (without it, {@code DUEDATE_ IS NULL OR ...} makes PostgreSQL read every due job and check
 * each one's process instance before it sorts: about 100 ms an acquisition with 9,000 jobs due at once). The index
 * is created when missing, after Camunda's schema (on PostgreSQL inside the start-up lock), and jobs left without a
 * due date by an earlier version become due at once.
 */
@Component
class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  static final String INDEX = "redress_ix_job_duedate";

  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);

  private final DataSource dataSource;

  JobAcquisitionByDueDate(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJobExecutorAcquireByDueDate(true);
    // every job gets a due date (an asynchronous continuation: the moment it is created), so the acquisition asks
    // only "due date <= now" and the database can read the index in order and stop after the first few
    configuration.setEnsureJobDueDateNotNull(true);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON act_ru_job (duedate_)");
      // jobs made before ensureJobDueDateNotNull (none of this model's, but batches, or another model's continuations)
      int undated = s.executeUpdate("UPDATE act_ru_job SET duedate_ = CURRENT_TIMESTAMP WHERE duedate_ IS NULL");
      if (undated > 0) {
        LOG.info("{} jobs without a due date are due now", undated);
      }
    } catch (SQLException e) {
      // jobs are still acquired without it, only slower with many timers
      LOG.warn("Index {} on act_ru_job not created: {}", INDEX, e.getMessage());
    }
  }
}
