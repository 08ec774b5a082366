package io.redress.modeling;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import io.redress.security.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ModelRulesDeployer} in front of the engine's own deployers, and {@link DeploymentDryRun} in place of
 * the engine's repository service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelRulesPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;
  private final ObjectProvider<TrialComplaint> trial;
  private final ObjectProvider<AuditLog> audit;

  ModelRulesPlugin(ApplicationContext context, ObjectProvider<TrialComplaint> trial, ObjectProvider<AuditLog> audit) {
    this.context = context;
    this.trial = trial;
    this.audit = audit;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> pre = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    pre.add(0, new ModelRulesDeployer(context));
    configuration.setCustomPreDeployers(pre);
    // every deployment is tried out before it goes live (DeploymentDryRun)
    configuration.setRepositoryService(new DeploymentDryRun(configuration, trial, audit));
  }
}
