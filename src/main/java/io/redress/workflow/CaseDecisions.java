package io.redress.workflow;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The decision of this case's deployment: a table deployed with the case's process definition, as the models'
 * business rule tasks bind it ({@code decisionRefBinding="deployment"}). A changed table, deployed with the model,
 * applies to new cases; open cases keep theirs. For code running inside the engine (delegates, listeners).
 */
public final class CaseDecisions {

  /** Keys of the shipped decisions the code evaluates. */
  public static final String APPROVAL_AUTHORITY = "approval-authority";
  public static final String ESCALATION_LEVEL = "escalation-level";

  private CaseDecisions() {
  }

  /** The decision {@code key} of the deployment the case's process definition came from, or null if it has none. */
  public static DmnDecision of(DelegateExecution execution, String key) {
    String deploymentId = ((ExecutionEntity) execution).getProcessDefinition().getDeploymentId();
    DecisionDefinitionEntity definition = Context.getCommandContext().getDecisionDefinitionManager()
        .findDecisionDefinitionByDeploymentAndKey(deploymentId, key);
    return definition == null ? null
        : Context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedDecisionDefinitionById(definition.getId());
  }

  /** Evaluates the decision {@code key} of the case's deployment; null if that deployment has no such decision. */
  public static DmnDecisionResult evaluate(DelegateExecution execution, String key, Map<String, Object> inputs) {
    DmnDecision decision = of(execution, key);
    if (decision == null) {
      return null;
    }
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    return configuration.getDmnEngine().evaluateDecision(decision, Variables.fromMap(inputs));
  }
}
