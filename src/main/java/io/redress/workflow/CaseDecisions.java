package io.redress.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngineException;
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
  /** Evaluated by the model's business rule task {@code Task_DecideAssignmentGroup}. */
  public static final String ASSIGNMENT_GROUP = "assignment-group";
  public static final String CLASSIFICATION_SUGGESTION = "classification-suggestion";
  public static final String ESCALATION_LEVEL = "escalation-level";
  public static final String ROOT_CAUSE_CATEGORY = "root-cause-category";
  /** Named on the task that takes it by the extension property {@code decision} (ModelReferences checks it). */
  public static final String SEVERITY_RAISE = "severity-raise";

  /** Tables parsed from {@code processes/} as shipped, for deployments made before the table existed. */
  private static final Map<String, DmnDecision> SHIPPED = new ConcurrentHashMap<>();

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

  /**
   * Evaluates the decision {@code key} of the case's deployment; for a case whose deployment predates the table,
   * the table as shipped ({@code processes/<key>.dmn}), which states what the code decided for those cases.
   */
  public static DmnDecisionResult evaluateOrShipped(DelegateExecution execution, String key,
      Map<String, Object> inputs) {
    DmnDecisionResult result = evaluate(execution, key, inputs);
    if (result != null) {
      return result;
    }
    DmnEngine engine = Context.getProcessEngineConfiguration().getDmnEngine();
    DmnDecision shipped = SHIPPED.computeIfAbsent(key, k -> {
      try (InputStream xml = CaseDecisions.class.getResourceAsStream("/processes/" + k + ".dmn")) {
        if (xml == null) {
          throw new ProcessEngineException("No table processes/" + k + ".dmn is shipped");
        }
        return engine.parseDecision(k, xml);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return engine.evaluateDecision(shipped, Variables.fromMap(inputs));
  }
}
