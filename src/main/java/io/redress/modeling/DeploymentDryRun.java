package io.redress.modeling;

import io.redress.security.AuditLog;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.IncidentQueryImpl;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's repository service with a proof before a deployment goes live: every deployment that brings a new
 * version of the complaint process, or forms and decisions, is first deployed on trial in a transaction of its own
 * and a sample complaint is started on the newest complaint process there, as the intake starts one (case record,
 * then the process, up to its first wait state); then that transaction is rolled back, whatever happened. Only if
 * the complaint started is the deployment made for real; otherwise it is refused with {@code 400} and the cause,
 * and nothing of it is kept. The trial deployment runs the model rules and the references check
 * ({@link ModelRulesDeployer}) too, so their refusal comes first. Every refusal is written to the audit log.
 *
 * <p>Installed in place of Camunda's own by {@link ModelRulesPlugin}, so it covers every way in: Camunda Modeler
 * and any client of {@code /engine-rest/deployment/create} or {@code /deployment/{id}/redeploy}, and the Java API.
 * The start-up deployment of the shipped models is not tried this way ({@link ShippedModels}; the tests prove those).
 */
class DeploymentDryRun extends RepositoryServiceImpl {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentDryRun.class);

  private final ProcessEngineConfigurationImpl configuration;
  private final ObjectProvider<TrialComplaint> trial;
  private final ObjectProvider<AuditLog> audit;

  DeploymentDryRun(ProcessEngineConfigurationImpl configuration, ObjectProvider<TrialComplaint> trial,
      ObjectProvider<AuditLog> audit) {
    this.configuration = configuration;
    this.trial = trial;
    this.audit = audit;
  }

  @Override
  public DeploymentWithDefinitions deployWithResult(DeploymentBuilderImpl builder) {
    String name = builder.getDeployment().getName();
    try {
      if (Context.getCommandContext() == null && !ShippedModels.deploying()
          && configuration instanceof SpringProcessEngineConfiguration spring
          && spring.getTransactionManager() != null && trial.getIfAvailable() != null) {
        tryOut(builder, spring.getTransactionManager());
      }
      DeploymentWithDefinitions deployed = super.deployWithResult(builder);
      resolveNotStarted(deployed);
      return deployed;
    } catch (BadUserRequestException refused) {
      AuditLog log = audit.getIfAvailable();
      if (log != null) {
        log.refused(actor(), "deployment '" + name + "'", refused.getMessage());
      }
      throw refused;
    }
  }

  /** A new version of the complaint process is live: the incidents of complaints not started are history. */
  private void resolveNotStarted(DeploymentWithDefinitions deployed) {
    TrialComplaint complaint = trial.getIfAvailable();
    if (complaint == null || Context.getCommandContext() != null || nonNull(deployed.getDeployedProcessDefinitions())
        .stream().noneMatch(p -> complaint.processKey().equals(p.getKey()))) {
      return;
    }
    try {
      commandExecutor.execute(c -> c.runWithoutAuthorization(() -> {
        IncidentQueryImpl open = new IncidentQueryImpl();
        open.incidentType(TrialComplaint.NOT_STARTED_INCIDENT);
        for (Incident incident : open.executeList(c, null)) {
          ((IncidentEntity) incident).resolve();
        }
        return null;
      }));
    } catch (RuntimeException e) {
      LOG.warn("Incidents of complaints not started stay open: {}", e.getClass().getSimpleName());
    }
  }

  private void tryOut(DeploymentBuilderImpl builder, PlatformTransactionManager transactions) {
    TrialComplaint complaint = trial.getObject();
    TransactionTemplate own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    List<String> tried = new ArrayList<>();
    IdentityService identity = configuration.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    RuntimeException failure;
    try {
      failure = own.execute(status -> {
        status.setRollbackOnly(); // a trial: nothing of it stays, whatever happens
        DeploymentWithDefinitions deployed = commandExecutor.execute(new DeployCmd(copyOf(builder)));
        remember(deployed, tried);
        ProcessDefinition target = target(deployed, complaint.processKey());
        if (target == null) {
          return null;
        }
        identity.clearAuthentication(); // the trial complaint is the system's, like the intake's process
        try {
          complaint.start(target.getId());
          return null;
        } catch (RuntimeException e) {
          return new TrialFailed(target, e);
        } finally {
          identity.setAuthentication(caller);
        }
      });
    } finally {
      forget(tried);
    }
    if (failure instanceof TrialFailed failed) {
      String cause = Causes.of(failed.getCause());
      LOG.warn("Deployment '{}' refused: a trial complaint on {} v{} failed: {}", builder.getDeployment().getName(),
          failed.target.getKey(), failed.target.getVersion(), cause);
      throw new BadUserRequestException("The deployment '" + builder.getDeployment().getName() + "' was not "
          + "deployed: a complaint started on trial on its version of '" + failed.target.getKey() + "' ("
          + failed.target.getName() + ", version " + failed.target.getVersion() + ") failed, so new complaints "
          + "would fail the same way. Cause: " + cause + ". Nothing was kept; correct the model and deploy again.");
    }
  }

  /** The complaint process new cases would start on after this deployment, if the deployment can change it. */
  private ProcessDefinition target(DeploymentWithDefinitions deployed, String key) {
    for (ProcessDefinition p : nonNull(deployed.getDeployedProcessDefinitions())) {
      if (key.equals(p.getKey())) {
        return p;
      }
    }
    boolean formsOrDecisions = !nonNull(deployed.getDeployedDecisionDefinitions()).isEmpty()
        || deployed.getDeployedProcessDefinitions() == null && deployed.getDeployedDecisionDefinitions() == null
        || hasForms(deployed.getId());
    if (!formsOrDecisions) {
      return null;
    }
    return commandExecutor.execute(c -> c.runWithoutAuthorization(
        () -> c.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key)));
  }

  private boolean hasForms(String deploymentId) {
    return commandExecutor.execute(c -> c.getResourceManager().findResourcesByDeploymentId(deploymentId).stream()
        .anyMatch(r -> r.getName().endsWith(".form")));
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The definitions the trial put in the engine's cache, to be dropped once it is rolled back. */
  private static void remember(DeploymentWithDefinitions deployed, List<String> tried) {
    nonNull(deployed.getDeployedProcessDefinitions()).forEach(p -> tried.add("p:" + p.getId()));
    nonNull(deployed.getDeployedDecisionDefinitions()).forEach(d -> tried.add("d:" + d.getId()));
    nonNull(deployed.getDeployedDecisionRequirementsDefinitions()).forEach(d -> tried.add("r:" + d.getId()));
    nonNull(deployed.getDeployedCaseDefinitions()).forEach(d -> tried.add("c:" + d.getId()));
  }

  private void forget(List<String> tried) {
    DeploymentCache cache = configuration.getDeploymentCache();
    for (String t : tried) {
      String id = t.substring(2);
      try {
        switch (t.charAt(0)) {
          case 'p' -> cache.removeProcessDefinition(id);
          case 'd' -> cache.removeDecisionDefinition(id);
          case 'r' -> cache.removeDecisionRequirementsDefinition(id);
          default -> cache.removeCaseDefinition(id);
        }
      } catch (RuntimeException e) {
        LOG.debug("Trial definition {} not in the cache", id);
      }
    }
  }

  /** A new builder with the same resources and settings; the caller's builder stays untouched for the real one. */
  private DeploymentBuilderImpl copyOf(DeploymentBuilderImpl builder) {
    DeploymentBuilderImpl copy = new DeploymentBuilderImpl(this);
    var d = builder.getDeployment();
    if (builder.getNameFromDeployment() != null) {
      copy.nameFromDeployment(builder.getNameFromDeployment());
    } else if (d.getName() != null) {
      copy.name(d.getName());
    }
    if (d.getSource() != null) {
      copy.source(d.getSource());
    }
    if (d.getTenantId() != null) {
      copy.tenantId(d.getTenantId());
    }
    if (d.getResources() != null) {
      for (ResourceEntity r : d.getResources().values()) {
        copy.addInputStream(r.getName(), new ByteArrayInputStream(r.getBytes()));
      }
    }
    if (builder.isDuplicateFilterEnabled()) {
      copy.enableDuplicateFiltering(builder.isDeployChangedOnly());
    }
    if (builder.getProcessDefinitionsActivationDate() != null) {
      copy.activateProcessDefinitionsOn(builder.getProcessDefinitionsActivationDate());
    }
    for (String id : builder.getDeployments()) {
      copy.addDeploymentResources(id);
    }
    for (Map.Entry<String, Set<String>> e : builder.getDeploymentResourcesById().entrySet()) {
      copy.addDeploymentResourcesById(e.getKey(), new ArrayList<>(e.getValue()));
    }
    for (Map.Entry<String, Set<String>> e : builder.getDeploymentResourcesByName().entrySet()) {
      copy.addDeploymentResourcesByName(e.getKey(), new ArrayList<>(e.getValue()));
    }
    return copy;
  }

  private String actor() {
    Authentication a = configuration.getIdentityService().getCurrentAuthentication();
    return a == null ? "system" : a.getUserId();
  }

  /** The trial complaint failed on this version. */
  private static final class TrialFailed extends RuntimeException {
    final transient ProcessDefinition target;

    TrialFailed(ProcessDefinition target, RuntimeException cause) {
      super(cause);
      this.target = target;
    }
  }
}
