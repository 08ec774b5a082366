package io.redress.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Test support for one DMN file in {@code processes/}: a standalone DMN engine with a listener that records
 * which rules matched, the parsed decision, and the DMN model (for checks on the XML as analysts edit it).
 */
final class DecisionTableHarness {

  private final String decisionKey;
  private final DmnEngine engine;
  private final DmnDecision decision;
  private final DmnModelInstance model;
  private final List<String> matchedInLastEvaluation = new ArrayList<>();

  DecisionTableHarness(String decisionKey) {
    this.decisionKey = decisionKey;
    DmnDecisionTableEvaluationListener recordMatchingRules = event -> {
      for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
        matchedInLastEvaluation.add(rule.getId());
      }
    };
    this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of(recordMatchingRules))
        .buildEngine();
    try (InputStream xml = open()) {
      this.decision = engine.parseDecision(decisionKey, xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream xml = open()) {
      this.model = Dmn.readModelFromStream(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String resource() {
    return "/processes/" + decisionKey + ".dmn";
  }

  private InputStream open() {
    InputStream xml = DecisionTableHarness.class.getResourceAsStream(resource());
    if (xml == null) {
      throw new IllegalStateException(resource() + " is not on the test classpath");
    }
    return xml;
  }

  DmnDecision decision() {
    return decision;
  }

  DmnModelInstance model() {
    return model;
  }

  /** Evaluates the decision table; the variables map may hold null values. */
  Evaluation evaluate(Map<String, Object> variables) {
    matchedInLastEvaluation.clear();
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
    return new Evaluation(result, List.copyOf(matchedInLastEvaluation));
  }

  /** {@code vars("a", 1, "b", null)}: a variables map that, unlike {@link Map#of}, accepts null values. */
  static Map<String, Object> vars(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }

  /** The hit policy written in the XML. */
  HitPolicy hitPolicy() {
    return model.getModelElementsByType(DecisionTable.class).iterator().next().getHitPolicy();
  }

  /** Ids of all rules in the decision table, in table order, read from the XML. */
  List<String> ruleIdsInTable() {
    return model.getModelElementsByType(Rule.class).stream().map(Rule::getId).toList();
  }

  /**
   * The conventions analysts rely on when they open the file in Camunda Modeler: one decision with the expected
   * id and a history time to live of 180 days, labels on every input and output, a description on every rule.
   */
  void assertModelerConventions() {
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    assertThat(decisions).extracting(Decision::getId).containsExactly(decisionKey);
    assertThat(decisions).allSatisfy(d -> {
      assertThat(d.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", d.getId()).isEqualTo("180");
      assertThat(d.getName()).as("name of %s", d.getId()).isNotBlank();
    });
    assertThat(model.getModelElementsByType(Input.class))
        .isNotEmpty()
        .allSatisfy(input -> {
          assertThat(input.getLabel()).as("label of input %s", input.getId()).isNotBlank();
          assertThat(input.getId()).as("id of input").startsWith("Input_");
        });
    assertThat(model.getModelElementsByType(Output.class))
        .isNotEmpty()
        .allSatisfy(output -> {
          assertThat(output.getLabel()).as("label of output %s", output.getId()).isNotBlank();
          assertThat(output.getName()).as("name of output %s", output.getId()).isNotBlank();
          assertThat(output.getId()).as("id of output").startsWith("Output_");
        });
    assertThat(model.getModelElementsByType(Rule.class))
        .isNotEmpty()
        .allSatisfy(rule -> {
          assertThat(rule.getId()).as("rule id").startsWith("Rule_").doesNotStartWith("DecisionRule_");
          assertThat(rule.getDescription()).as("description of %s", rule.getId()).isNotNull();
          assertThat(rule.getDescription().getTextContent()).as("description of %s", rule.getId()).isNotBlank();
        });
  }

  /** The outcome of one evaluation: the result and the ids of the rules that produced it. */
  record Evaluation(DmnDecisionTableResult result, List<String> matchedRuleIds) {

    Object output(String name) {
      assertThat(result.size()).as("number of results").isEqualTo(1);
      return result.getSingleResult().getEntry(name);
    }

    String matchedRule() {
      assertThat(matchedRuleIds).as("matched rules").hasSize(1);
      return matchedRuleIds.get(0);
    }
  }
}
