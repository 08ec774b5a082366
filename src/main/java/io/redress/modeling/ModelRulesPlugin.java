package io.redress.modeling;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Puts {@link ModelRulesDeployer} in front of the engine's own deployers. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelRulesPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;

  ModelRulesPlugin(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> pre = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    pre.add(0, new ModelRulesDeployer(context));
    configuration.setCustomPreDeployers(pre);
  }
}
