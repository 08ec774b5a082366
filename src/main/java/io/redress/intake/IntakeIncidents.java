package io.redress.intake;

import static io.redress.workflow.ProcessVariables.PROCESS_KEY;

import io.redress.modeling.TrialComplaint;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.IncidentQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Makes a complaint that could not be started visible in Cockpit: an incident of type
 * {@value TrialComplaint#NOT_STARTED_INCIDENT} on the version of the complaint process the intake tried, at its start
 * event, with the cause and the reference the caller got (one per version; written in a transaction of its own, as
 * the intake's rolls back). Cockpit counts it on the dashboard and the process's page. A new version of the
 * process going live resolves them ({@code DeploymentDryRun}).
 */
@Component
class IntakeIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeIncidents.class);

  private final ProcessEngine engine;

  IntakeIncidents(@Lazy ProcessEngine engine) {
    this.engine = engine;
  }

  void notStarted(String reference, String cause) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    try {
      configuration.getCommandExecutorTxRequiresNew().execute(context -> context.runWithoutAuthorization(() -> {
        ProcessDefinitionEntity latest = context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedLatestProcessDefinitionByKey(PROCESS_KEY);
        IncidentQueryImpl open = new IncidentQueryImpl();
        open.incidentType(TrialComplaint.NOT_STARTED_INCIDENT).processDefinitionId(latest.getId());
        if (open.executeCount(context) > 0) {
          return null;
        }
        IncidentContext where = new IncidentContext();
        where.setProcessDefinitionId(latest.getId());
        where.setTenantId(latest.getTenantId());
        where.setActivityId(latest.getInitial() == null ? null : latest.getInitial().getId());
        where.setConfiguration(reference);
        String message = "Complaints cannot be started on this version (first failure: reference " + reference
            + "): " + cause;
        IncidentEntity.createAndInsertIncident(TrialComplaint.NOT_STARTED_INCIDENT, where,
            message.length() > 3900 ? message.substring(0, 3900) : message);
        return null;
      }));
    } catch (RuntimeException e) {
      LOG.warn("No incident for the failed intake {}: {}", reference, e.getClass().getSimpleName());
    }
  }
}
