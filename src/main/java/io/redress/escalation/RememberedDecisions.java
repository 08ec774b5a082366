package io.redress.escalation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * The engine's DMN engine, remembering the results of some deployed decision tables per deployed version and inputs.
 * A table qualifies when its result is a function of its input values alone: each input expression is a plain
 * variable name, every cell is a literal ({@code "managers"}, {@code -}, a number, a comparison with or range of
 * numbers, {@code not(...)} of those), it requires no other decision, and it is a deployed version (a new
 * deployment is a new decision definition id, hence evaluated afresh). A table an analyst changes to use anything else
 * (a function, another variable, the date) is simply evaluated every time. The inputs must be strings, numbers,
 * booleans or null. A remembered result skips the evaluation and its history: Cockpit shows the first evaluation
 * of each combination (as for the SLA tables, {@code Sla}); the case's own record is the process variables, the
 * task and its timeline. Every other evaluation (other decisions, the decision service on tables not named) goes to
 * the engine unchanged.
 */
final class RememberedDecisions implements DmnEngine {

  /** A cell whose value does not depend on anything but the input it tests. */
  private static final Pattern LITERAL_ITEM = Pattern.compile(
      "\\s*(\"[^\"\\\\]*\"|-?\\d+(\\.\\d+)?|true|false|null|(<=|>=|<|>|=)\\s*-?\\d+(\\.\\d+)?"
          + "|[\\[\\]\\(]\\s*-?\\d+(\\.\\d+)?\\s*\\.\\.\\s*-?\\d+(\\.\\d+)?\\s*[\\[\\]\\)])\\s*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final DmnEngine engine;
  private final Set<String> keys;
  private final Cache<Evaluation, DmnDecisionResult> results = Caffeine.newBuilder().maximumSize(10_000).build();
  /** Per deployed decision id: the names of its inputs, or an empty list when its result is not a function of them. */
  private final Map<String, List<String>> inputs = new java.util.concurrent.ConcurrentHashMap<>();

  RememberedDecisions(DmnEngine engine, Set<String> keys) {
    this.engine = engine;
    this.keys = keys;
  }

  @Override
  public DmnDecisionResult evaluateDecision(DmnDecision decision, VariableContext context) {
    Evaluation evaluation = evaluation(decision, context);
    return evaluation == null ? engine.evaluateDecision(decision, context)
        : results.get(evaluation, e -> engine.evaluateDecision(decision, context));
  }

  @Override
  public DmnDecisionResult evaluateDecision(DmnDecision decision, Map<String, Object> variables) {
    return evaluateDecision(decision, Variables.fromMap(variables).asVariableContext());
  }

  /** The key of this evaluation, or null when it is not to be remembered. */
  private Evaluation evaluation(DmnDecision decision, VariableContext context) {
    if (!(decision instanceof DecisionDefinition deployed) || deployed.getId() == null
        || !keys.contains(decision.getKey())) {
      return null;
    }
    List<String> names = inputs.computeIfAbsent(deployed.getId(), id -> inputNames(decision));
    if (names.isEmpty()) {
      return null;
    }
    List<Object> values = new ArrayList<>(names.size());
    for (String name : names) {
      TypedValue typed = context.resolve(name);
      Object value = typed == null ? null : typed.getValue();
      if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        return null;
      }
      values.add(value);
    }
    return new Evaluation(deployed.getId(), Collections.unmodifiableList(values));
  }

  /** The variables a table's result depends on, or an empty list when it depends on more than these. */
  static List<String> inputNames(DmnDecision decision) {
    if (!(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table)
        || !decision.getRequiredDecisions().isEmpty() || table.getInputs().isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (DmnDecisionTableInputImpl input : table.getInputs()) {
      String text = text(input.getExpression());
      if (text == null || !NAME.matcher(text).matches()) {
        return List.of();
      }
      names.add(text);
    }
    for (DmnDecisionTableRuleImpl rule : table.getRules()) {
      for (DmnExpressionImpl condition : rule.getConditions()) {
        if (!literal(text(condition), true)) {
          return List.of();
        }
      }
      for (DmnExpressionImpl conclusion : rule.getConclusions()) {
        if (!literal(text(conclusion), false)) {
          return List.of();
        }
      }
    }
    return List.copyOf(names);
  }

  private static String text(DmnExpressionImpl expression) {
    return expression == null || expression.getExpression() == null ? null : expression.getExpression().trim();
  }

  /** Empty, {@code -} (conditions only), or literals separated by commas, optionally within {@code not(...)}. */
  static boolean literal(String cell, boolean condition) {
    if (cell == null || cell.isEmpty()) {
      return true;
    }
    String text = cell;
    if (condition) {
      if (text.equals("-")) {
        return true;
      }
      if (text.startsWith("not(") && text.endsWith(")")) {
        text = text.substring(4, text.length() - 1);
      }
    }
    for (String item : text.split(",", -1)) {
      if (!LITERAL_ITEM.matcher(item).matches()) {
        return false;
      }
    }
    return true;
  }

  /** One evaluation: the deployed decision's id and the values of its inputs, in order. */
  private record Evaluation(String decisionId, List<Object> values) {
  }

  // ------------------------------------------------------------------------------------------- the rest: unchanged

  @Override
  public DmnEngineConfiguration getConfiguration() {
    return engine.getConfiguration();
  }

  @Override
  public List<DmnDecision> parseDecisions(InputStream inputStream) {
    return engine.parseDecisions(inputStream);
  }

  @Override
  public List<DmnDecision> parseDecisions(DmnModelInstance dmnModelInstance) {
    return engine.parseDecisions(dmnModelInstance);
  }

  @Override
  public DmnDecision parseDecision(String decisionKey, InputStream inputStream) {
    return engine.parseDecision(decisionKey, inputStream);
  }

  @Override
  public DmnDecision parseDecision(String decisionKey, DmnModelInstance dmnModelInstance) {
    return engine.parseDecision(decisionKey, dmnModelInstance);
  }

  @Override
  public DmnDecisionRequirementsGraph parseDecisionRequirementsGraph(InputStream inputStream) {
    return engine.parseDecisionRequirementsGraph(inputStream);
  }

  @Override
  public DmnDecisionRequirementsGraph parseDecisionRequirementsGraph(DmnModelInstance dmnModelInstance) {
    return engine.parseDecisionRequirementsGraph(dmnModelInstance);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(DmnDecision decision, Map<String, Object> variables) {
    return engine.evaluateDecisionTable(decision, variables);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(DmnDecision decision, VariableContext variableContext) {
    return engine.evaluateDecisionTable(decision, variableContext);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, InputStream inputStream,
      Map<String, Object> variables) {
    return engine.evaluateDecisionTable(decisionKey, inputStream, variables);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, InputStream inputStream,
      VariableContext variableContext) {
    return engine.evaluateDecisionTable(decisionKey, inputStream, variableContext);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, DmnModelInstance dmnModelInstance,
      Map<String, Object> variables) {
    return engine.evaluateDecisionTable(decisionKey, dmnModelInstance, variables);
  }

  @Override
  public DmnDecisionTableResult evaluateDecisionTable(String decisionKey, DmnModelInstance dmnModelInstance,
      VariableContext variableContext) {
    return engine.evaluateDecisionTable(decisionKey, dmnModelInstance, variableContext);
  }

  @Override
  public DmnDecisionResult evaluateDecision(String decisionKey, InputStream inputStream,
      Map<String, Object> variables) {
    return engine.evaluateDecision(decisionKey, inputStream, variables);
  }

  @Override
  public DmnDecisionResult evaluateDecision(String decisionKey, InputStream inputStream,
      VariableContext variableContext) {
    return engine.evaluateDecision(decisionKey, inputStream, variableContext);
  }

  @Override
  public DmnDecisionResult evaluateDecision(String decisionKey, DmnModelInstance dmnModelInstance,
      Map<String, Object> variables) {
    return engine.evaluateDecision(decisionKey, dmnModelInstance, variables);
  }

  @Override
  public DmnDecisionResult evaluateDecision(String decisionKey, DmnModelInstance dmnModelInstance,
      VariableContext variableContext) {
    return engine.evaluateDecision(decisionKey, dmnModelInstance, variableContext);
  }
}
