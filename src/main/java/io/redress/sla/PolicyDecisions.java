package io.redress.sla;

import static io.redress.workflow.EngineAccess.withoutAuthorization;
import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Severity;
import io.redress.casefile.Tier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * The decisions of the SLA policy for a case: looked up in the deployment of the case's process definition (the
 * newest version when that deployment has none), evaluated once per deployed version and inputs.
 */
final class PolicyDecisions {

  private final CaseRecords records;
  private final Map<String, String> decisionIds = new ConcurrentHashMap<>();
  private final Cache<Evaluation, List<Map<String, Object>>> results = Caffeine.newBuilder().maximumSize(10_000)
      .build();

  PolicyDecisions(CaseRecords records) {
    this.records = records;
  }

  /** The rule of {@code sla-stage-deadline} for a stage. */
  Map<String, Object> stageRule(DelegateExecution execution, String stage) {
    return single(evaluate(execution, Sla.STAGE_DECISION, inputs(DMN_STAGE, stage)), Sla.STAGE_DECISION, stage);
  }

  /** The outputs of {@code sla-contact-rules} for this case. */
  Map<String, Object> contactRules(DelegateExecution execution) {
    Object channel = execution.getVariable(CHANNEL);
    return single(evaluate(execution, Sla.CONTACT_DECISION, inputs(CHANNEL, channel)), Sla.CONTACT_DECISION,
        String.valueOf(channel));
  }

  /** The rows of {@code sla-customer-deadline} for this case (its channel, severity and tier). */
  List<Map<String, Object>> customerRules(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    CaseRecord record = number == null ? null : records.find(number).orElse(null);
    Object channel = record != null ? record.channel() : execution.getVariable(CHANNEL);
    Object tier = record != null ? record.customerTier() : execution.getVariable(CUSTOMER_TIER);
    Object severity = execution.getVariable(SEVERITY);
    if (severity == null && record != null) {
      severity = record.severity();
    }
    Map<String, Object> in = inputs(CHANNEL, channel);
    in.put(SEVERITY, severity == null ? Severity.GENERAL.wire() : severity);
    in.put(DMN_TIER, tier == null ? Tier.STANDARD.wire() : tier);
    return evaluate(execution, Sla.CUSTOMER_DECISION, in);
  }

  private static Map<String, Object> inputs(String name, Object value) {
    Map<String, Object> in = new HashMap<>();
    in.put(name, value);
    return in;
  }

  private static Map<String, Object> single(List<Map<String, Object>> result, String decision, String input) {
    if (result.isEmpty()) {
      throw new ProcessEngineException("The SLA policy (" + decision + ") has no rule for " + input);
    }
    return result.get(0);
  }

  /**
   * Evaluates a decision of the case's own deployment (the newest version when that deployment has none), once per
   * deployed version and inputs: the policy's tables take only the case's stage, channel, severity and tier (no
   * dates), so the rows they give are a function of those and of the deployed version (a new deployment is a new
   * decision definition id, hence evaluated afresh). Cockpit's decision history therefore shows the first
   * evaluation of each combination; each case's own deadlines are in {@code case_deadline} and its variables.
   */
  private List<Map<String, Object>> evaluate(DelegateExecution execution, String key, Map<String, Object> variables) {
    ProcessEngineServices services = execution.getProcessEngineServices();
    String definitionId = execution.getProcessDefinitionId();
    String id = decisionIds.computeIfAbsent(definitionId + "|" + key, k -> withoutAuthorization(() -> {
      String deploymentId = services.getRepositoryService().getProcessDefinition(definitionId).getDeploymentId();
      DecisionDefinition own = services.getRepositoryService().createDecisionDefinitionQuery()
          .deploymentId(deploymentId).decisionDefinitionKey(key).singleResult();
      DecisionDefinition definition = own != null ? own : services.getRepositoryService()
          .createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
      if (definition == null) {
        throw new ProcessEngineException("The SLA policy decision '" + key + "' is not deployed");
      }
      return definition.getId();
    }));
    return results.get(new Evaluation(id, Collections.unmodifiableMap(new HashMap<>(variables))),
        e -> withoutAuthorization(() -> rows(services.getDecisionService().evaluateDecisionById(id)
            .variables(variables).evaluate())));
  }

  private static List<Map<String, Object>> rows(DmnDecisionResult result) {
    return result.getResultList().stream()
        .map(row -> Collections.unmodifiableMap(new HashMap<>(row))).toList();
  }

  /** One evaluation of a policy decision: the deployed decision's id and the inputs. */
  private record Evaluation(String decisionId, Map<String, Object> inputs) {
  }
}
