package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The job executor takes due jobs earliest first, through the index on the jobs' due date that
 * migration V10 adds to Camunda's schema ({@code io.redress.cluster.JobAcquisitionByDueDate}).
 */
@RedressSpringTest
class JobAcquisitionTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired DataSource dataSource;

  @Test
  void dueJobsAreAcquiredEarliestFirstThroughAnIndexOnTheDueDate() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    try (Connection c = dataSource.getConnection()) {
      List<String> indexed = new ArrayList<>();
      for (String table : List.of("ACT_RU_JOB", "act_ru_job")) {
        try (ResultSet r = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
          while (r.next()) {
            if (r.getString("INDEX_NAME") != null
                && r.getString("INDEX_NAME").equalsIgnoreCase("redress_ix_job_duedate")) {
              indexed.add(r.getString("COLUMN_NAME").toLowerCase());
            }
          }
        }
      }
      assertThat(indexed).containsExactly("duedate_");
    }

    // a complaint's timers; the one armed last is made the most overdue: it is the first to be acquired
    Cases cases = new Cases(new Api(port));
    String id = cases.intake(10);
    String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult()
        .getId();
    List<Job> timers = managementService.createJobQuery().processInstanceId(instance).timers().list();
    assertThat(timers).hasSizeGreaterThanOrEqualTo(3);
    // due in the year 2000: older than any job another test of the shared database may have left due
    long past = java.time.Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < timers.size(); i++) {
      managementService.setJobDuedate(timers.get(i).getId(), new Date(past - 60_000L * (i + 1)));
    }
    Job earliest = timers.get(timers.size() - 1);
    Job second = timers.get(timers.size() - 2);
    List<AcquirableJobEntity> next = configuration.getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 2)));
    assertThat(next).extracting(AcquirableJobEntity::getId)
        .containsExactly(earliest.getId(), second.getId());
    // put the timers back out of reach of other tests
    for (Job timer : timers) {
      managementService.setJobDuedate(timer.getId(), timer.getDuedate());
    }
  }

  /**
   * On PostgreSQL the planner gets statistics on the permission bits of the grants (the task query's authorization
   * check) plans each query for its parameter values, without JIT (migration db/vendor/postgresql/V11, the
   * postgres profile).
   */
  @Test
  void onPostgresTheTaskQueryIsPlannedForItsValuesWithStatisticsOnTheGrantsAndWithoutJit() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName()), "PostgreSQL only");
      try (var s = c.createStatement()) {
        ResultSet jit = s.executeQuery("SHOW jit");
        jit.next();
        assertThat(jit.getString(1)).isEqualTo("off");
        ResultSet plans = s.executeQuery("SHOW plan_cache_mode");
        plans.next();
        assertThat(plans.getString(1)).isEqualTo("force_custom_plan");
        ResultSet stats = s.executeQuery("SELECT count(*) FROM pg_statistic_ext e JOIN pg_statistic_ext_data d "
            + "ON d.stxoid = e.oid WHERE e.stxname = 'redress_st_auth_perms'");
        stats.next();
        assertThat(stats.getInt(1)).as("statistics created and analysed").isOne();
      }
    }
  }
}
