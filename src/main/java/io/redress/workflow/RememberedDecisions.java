package io.redress.workflow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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
 * numbers, {@code not(...)} of those) or, as an output, the name of one of its inputs, it requires no other
 * decision, and it is a deployed version (a new deployment is a new decision definition id, hence evaluated
 * afresh). A table an analyst changes to use anything else (a function, another variable, the date) is simply
 * evaluated every time. The inputs must be strings, numbers, booleans or null.
 *
 * <p>An input whose cells only compare numbers (an amount: {@code > 1000}, {@code [500..1000)}) is remembered by the
 * side of each number in its cells the value falls on, not by the value: every cell of such a column gives the same
 * answer for two values that compare alike with each of those numbers, so 1,200 and 5,000 share one evaluation under
 * {@code > 1000} and {@code > 10000}, 999 and 10,001 do not. (Whether the value has a fraction, and its Java type,
 * are part of the key too: a table typed {@code integer} refuses 1.5 but takes 1.)
 *
 * <p>A remembered result skips the evaluation and its history: Cockpit shows the first evaluation of each
 * combination (as for the SLA tables, {@code Sla}); the case's own record is the process variables, the task and its
 * timeline. Every other evaluation (other decisions, the decision service on tables not named) goes to the engine
 * unchanged.
 */
final class RememberedDecisions implements DmnEngine {

  /** A number, a comparison with a number, or a range of numbers: a test of the input against numbers alone. */
  private static final String NUMERIC = "-?\\d+(\\.\\d+)?|(<=|>=|<|>|=)\\s*-?\\d+(\\.\\d+)?"
      + "|[\\[\\]\\(]\\s*-?\\d+(\\.\\d+)?\\s*\\.\\.\\s*-?\\d+(\\.\\d+)?\\s*[\\[\\]\\)]";
  /** A cell whose value does not depend on anything but the input it tests. */
  private static final Pattern LITERAL_ITEM =
      Pattern.compile("\\s*(\"[^\"\\\\]*\"|true|false|null|" + NUMERIC + ")\\s*");
  /** A cell item that only compares the input with numbers. */
  private static final Pattern NUMERIC_ITEM = Pattern.compile("\\s*(" + NUMERIC + ")\\s*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final DmnEngine engine;
  private final Set<String> keys;
  private final Cache<Evaluation, DmnDecisionResult> results = Caffeine.newBuilder().maximumSize(10_000).build();
  /** Per deployed decision id: its inputs, or an empty list when its result is not a function of them. */
  private final Map<String, List<Input>> inputs = new java.util.concurrent.ConcurrentHashMap<>();

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
    List<Input> columns = inputs.computeIfAbsent(deployed.getId(), id -> inputs(decision));
    if (columns.isEmpty()) {
      return null;
    }
    List<Object> values = new ArrayList<>(columns.size());
    for (Input column : columns) {
      TypedValue typed = context.resolve(column.name());
      Object value = typed == null ? null : typed.getValue();
      if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        return null;
      }
      Object key = column.key(value);
      if (key == NOT_REMEMBERED) {
        return null;
      }
      values.add(key);
    }
    return new Evaluation(deployed.getId(), Collections.unmodifiableList(values));
  }

  /** The variables a table's result depends on, or an empty list when it depends on more than these. */
  static List<Input> inputs(DmnDecision decision) {
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
    List<TreeSet<BigDecimal>> thresholds = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      thresholds.add(new TreeSet<>());
    }
    for (DmnDecisionTableRuleImpl rule : table.getRules()) {
      List<DmnExpressionImpl> conditions = rule.getConditions();
      for (int i = 0; i < conditions.size(); i++) {
        String cell = text(conditions.get(i));
        if (!literal(cell, true)) {
          return List.of();
        }
        if (thresholds.get(i) != null && !numbers(cell, thresholds.get(i))) {
          thresholds.set(i, null);
        }
      }
      for (DmnExpressionImpl conclusion : rule.getConclusions()) {
        String cell = text(conclusion);
        if (literal(cell, false)) {
          continue;
        }
        int input = names.indexOf(cell);
        if (input < 0) {
          return List.of();
        }
        // the output repeats an input's value (severity-raise keeps the severity it was given): that input counts
        // by its value, not by the side of a threshold
        thresholds.set(input, null);
      }
    }
    List<Input> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(new Input(names.get(i), thresholds.get(i) == null ? null : List.copyOf(thresholds.get(i))));
    }
    return List.copyOf(columns);
  }

  /**
   * Adds the numbers a condition cell compares its input with to {@code into}; false when it does more than compare
   * with numbers (a string, a boolean, null). An empty cell or {@code -} compares with nothing.
   */
  private static boolean numbers(String cell, Set<BigDecimal> into) {
    if (cell == null || cell.isEmpty() || cell.equals("-")) {
      return true;
    }
    for (String item : conditionItems(cell)) {
      if (!NUMERIC_ITEM.matcher(item).matches()) {
        return false;
      }
      Matcher number = NUMBER.matcher(item);
      while (number.find()) {
        into.add(new BigDecimal(number.group()));
      }
    }
    return true;
  }

  private static String text(DmnExpressionImpl expression) {
    return expression == null || expression.getExpression() == null ? null : expression.getExpression().trim();
  }

  /** Empty, {@code -} (conditions only), or literals separated by commas, optionally within {@code not(...)}. */
  static boolean literal(String cell, boolean condition) {
    if (cell == null || cell.isEmpty()) {
      return true;
    }
    if (condition && cell.equals("-")) {
      return true;
    }
    for (String item : condition ? conditionItems(cell) : cell.split(",", -1)) {
      if (!LITERAL_ITEM.matcher(item).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A condition cell's comma-separated items, inside its {@code not(...)} when it has one. */
  private static String[] conditionItems(String cell) {
    String text = cell.startsWith("not(") && cell.endsWith(")") ? cell.substring(4, cell.length() - 1) : cell;
    return text.split(",", -1);
  }

  /** One evaluation: the deployed decision's id and the keys of its inputs' values, in order. */
  private record Evaluation(String decisionId, List<Object> values) {
  }

  private static final Object NOT_REMEMBERED = new Object();

  /**
   * An input of a table: the variable it reads, and the numbers its cells compare it with when they do nothing else
   * (null when they test anything else: the value itself is then the key).
   */
  record Input(String name, List<BigDecimal> thresholds) {

    /** What of {@code value} the table's result depends on. */
    Object key(Object value) {
      if (thresholds == null || !(value instanceof Number number)) {
        return value;
      }
      BigDecimal decimal;
      try {
        decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
      } catch (NumberFormatException notFinite) {
        return NOT_REMEMBERED;
      }
      List<Object> key = new ArrayList<>(thresholds.size() + 2);
      key.add(value.getClass());
      key.add(decimal.stripTrailingZeros().scale() > 0);
      for (BigDecimal threshold : thresholds) {
        key.add(decimal.compareTo(threshold));
      }
      return key;
    }
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
