package io.redress.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Due jobs are acquired earliest first ({@code jobExecutorAcquireByDueDate}) through an index on
 * {@code ACT_RU_JOB.DUEDATE_}, which Camunda's schema does not have (migration
 * {@code db/migration/V10__job_acquisition_by_due_date.sql}): every open case holds several timers (its stage and
 * customer deadlines, reminders, progress messages), and without the index each acquisition reads through all of
 * them to find the few that are due. With it the database walks the index from the earliest due date and stops after
 * a handful of rows; the deadline that fell due first is also the first to escalate. For that every job needs a due
 * date ({@code ensureJobDueDateNotNull}): the acquisition then asks only for {@code DUEDATE_ <= now} (without it,
 * {@code DUEDATE_ IS NULL OR ...} makes PostgreSQL read every due job and check each one's process instance before it
 * sorts: about 100 ms an acquisition with 9,000 jobs due at once). The same migration makes jobs left without a due
 * date by an earlier version due at once.
 */
@Component
class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJobExecutorAcquireByDueDate(true);
    // every job gets a due date (an asynchronous continuation: the moment it is created), so the acquisition asks
    // only "due date <= now" and the database can read the index in order and stop after the first few
    configuration.setEnsureJobDueDateNotNull(true);
  }
}
