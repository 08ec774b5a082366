package io.redress.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * An analyst's retry of an incident runs at once. Camunda's retry cycle gives a failed job its next due date also on
 * the failure that uses its attempts up (five minutes on with {@code R3/PT5M}), and Cockpit's "Increment number of
 * retries" keeps the job's due date by default: a retry clicked right after the incident would then wait those
 * minutes. Here the attempt that raises the incident leaves the job due at the moment it failed, so a retry (Cockpit
 * or {@code PUT /job/{id}/retries}) is due as soon as it is given. Every other failure keeps the cycle's wait.
 * Wraps the engine's failed-job handling (set after the Spring Boot starter's, hence in {@code postInit}).
 */
@Component
class IncidentRetries extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory engine = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> {
      Command<Object> handling = engine.getCommand(jobId, exception);
      return context -> {
        Object result = handling.execute(context);
        JobEntity job = context.getJobManager().findJobById(jobId);
        if (job != null && job.getRetries() == 0) {
          job.setDuedate(ClockUtil.getCurrentTime());
        }
        return result;
      };
    });
  }
}
