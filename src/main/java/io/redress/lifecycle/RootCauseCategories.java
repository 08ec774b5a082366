package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.CATEGORY;

import io.redress.language.WorkingLanguage;
import io.redress.workflow.CaseDecisions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The root-cause categories an investigator picks from: the table {@code root-cause-category} of the case's
 * deployment (analysts maintain it in Modeler, docs/analysts.md), every matching rule in its order; the newest table
 * deployed when the case's deployment has none. Without any table the investigator is asked for none.
 */
@Component
class RootCauseCategories {

  private final WorkingLanguage language;

  RootCauseCategories(WorkingLanguage language) {
    this.language = language;
  }

  /** The choices, value to label in the working language; null when the case's deployment has no table. */
  Map<String, String> of(DelegateExecution execution) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("category", execution.getVariable(CATEGORY));
    DmnDecisionResult result = CaseDecisions.evaluate(execution, CaseDecisions.ROOT_CAUSE_CATEGORY, inputs);
    if (result == null) {
      // a diagram deployed without the table: the newest table deployed
      DmnDecision latest;
      try {
        latest = (DmnDecision) Context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedLatestDecisionDefinitionByKey(CaseDecisions.ROOT_CAUSE_CATEGORY);
      } catch (ProcessEngineException none) {
        return null;
      }
      result = Context.getProcessEngineConfiguration().getDmnEngine().evaluateDecision(latest,
          Variables.fromMap(inputs));
    }
    Map<String, String> choices = new LinkedHashMap<>();
    for (Map<String, Object> row : result.getResultList()) {
      Object value = row.get("value");
      if (value == null || value.toString().isBlank()) {
        continue;
      }
      Object label = row.get(language.labelOutput());
      if (label == null) {
        label = row.get(WorkingLanguage.LABEL_OUTPUT);
      }
      choices.putIfAbsent(value.toString(), label == null ? value.toString() : label.toString());
    }
    return choices;
  }

  /** The choices as the form's select reads them: [{label, value}]. */
  static List<Map<String, String>> options(Map<String, String> choices) {
    return choices.entrySet().stream().map(e -> {
      Map<String, String> option = new LinkedHashMap<>();
      option.put("label", e.getValue());
      option.put("value", e.getKey());
      return option;
    }).toList();
  }
}
