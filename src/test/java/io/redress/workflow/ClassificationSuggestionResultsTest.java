package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table {@code classification-suggestion} is evaluated once per deployed version and inputs, the amount claimed
 * counting only by the side of each of the table's thresholds it is on. Checked against Camunda's own DMN engine
 * evaluating the shipped table every time, for every channel, both safety and second-complaint answers and amounts
 * around each threshold; and through the model's business rule task (the same output mapping) in a real in-memory
 * engine with history {@code full}, counting the evaluations Camunda recorded.
 */
class ClassificationSuggestionResultsTest {

  private static final List<String> CHANNELS = List.of("phone", "chat", "email", "social", "web", "letter", "visit");
  /** Around the table's thresholds (1000 and 10000), in the types the variables arrive in. */
  private static final List<Object> AMOUNTS = Arrays.asList(null, 0, 0.5, 999, 999.99, 1000, 1000L,
      new BigDecimal("1000.00"), 1000.01, 1001, 1200, 5000.5, 9999.99, 10000, 10000.01, 10001, 250_000.0);

  private DecisionTaskEngine engine;

  @BeforeEach
  void engine() {
    engine = new DecisionTaskEngine("classification-suggestion", "Task_SuggestClassification",
        List.of("suggestedSeverity", "suggestedMajor"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void everyRememberedSuggestionIsTheOneTheTableGives() throws Exception {
    engine.deploy(engine.shippedTable());
    int cases = 0;
    for (int round = 0; round < 2; round++) {
      for (boolean safetyRisk : new boolean[] {false, true}) {
        for (String channel : CHANNELS) {
          for (boolean second : new boolean[] {false, true}) {
            for (Object amount : AMOUNTS) {
              engine.assertAsShipped(inputs(safetyRisk, channel, second, amount));
              cases++;
            }
          }
        }
      }
    }
    // each combination of safety, channel, second complaint and amount evaluated once, the second round not at
    // all; the 17 amounts are 12 by their side of 1000 and 10000, their type and whether they have a fraction:
    // none; below (int, fraction); at 1000 (int, long, BigDecimal); between (int, fraction); at 10000 (int);
    // above (int, fraction, whole double)
    long evaluations = engine.evaluations();
    System.out.printf("[classification-suggestion] %d evaluations asked, %d made%n", cases, evaluations);
    assertThat(evaluations).isEqualTo(2L * CHANNELS.size() * 2 * 12);
  }

  @Test
  void amountsOnOneSideOfEveryThresholdShareAnEvaluation() throws Exception {
    engine.deploy(engine.shippedTable());

    assertThat(suggest("web", 1200)).isEqualTo(suggestion("important", false));
    assertThat(suggest("web", 5000)).isEqualTo(suggestion("important", false));
    assertThat(engine.evaluations()).isEqualTo(1);

    assertThat(suggest("web", 999)).isEqualTo(suggestion("general", false));
    assertThat(suggest("web", 10001)).isEqualTo(suggestion("important", true));
    assertThat(suggest("web", 1000)).isEqualTo(suggestion("general", false));
    assertThat(suggest("web", 20000)).isEqualTo(suggestion("important", true));
    assertThat(engine.evaluations()).isEqualTo(4);
  }

  @Test
  void aMovedThresholdIsEvaluatedAfreshAndHonoured() throws Exception {
    engine.deploy(engine.shippedTable());
    assertThat(suggest("web", 1200)).isEqualTo(suggestion("important", false));

    engine.deploy(engine.shippedTable().replace("&gt; 1000<", "&gt; 1500<"));

    assertThat(suggest("web", 1200)).isEqualTo(suggestion("general", false));
    assertThat(suggest("web", 1600)).isEqualTo(suggestion("important", false));
    assertThat(engine.evaluations()).isEqualTo(3);
  }

  @Test
  void anAmountComparedWithAVariableIsEvaluatedEveryTime() throws Exception {
    // the analyst's threshold now a variable: the result depends on more than the inputs
    engine.deploy(engine.shippedTable().replace("&gt; 1000<", "&gt; limit<"));

    assertThat(suggest("web", 1200, Map.of("limit", 1000))).isEqualTo(suggestion("important", false));
    assertThat(suggest("web", 1200, Map.of("limit", 2000))).isEqualTo(suggestion("general", false));
    assertThat(engine.evaluations()).isEqualTo(2);
  }

  @Test
  void numericColumns() {
    RememberedDecisions.Input amount = new RememberedDecisions.Input("amount",
        List.of(new BigDecimal("1000"), new BigDecimal("10000")));
    assertThat(amount.key(1200)).isEqualTo(amount.key(5000)).isNotEqualTo(amount.key(999));
    assertThat(amount.key(1000)).isNotEqualTo(amount.key(1001)).isNotEqualTo(amount.key(999));
    assertThat(amount.key(1200.5)).isNotEqualTo(amount.key(1200.0));
    assertThat(amount.key(null)).isNull();
    assertThat(amount.key("1200")).isEqualTo("1200");
    RememberedDecisions.Input channel = new RememberedDecisions.Input("channel", null);
    assertThat(channel.key(1200)).isEqualTo(1200);
    assertThat(channel.key("web")).isEqualTo("web");
  }

  private static Map<String, Object> inputs(boolean safetyRisk, String channel, boolean second, Object amount) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("safetyRisk", safetyRisk);
    inputs.put("channel", channel);
    inputs.put("secondComplaint", second);
    inputs.put("amountClaimed", amount);
    return inputs;
  }

  private Map<String, Object> suggest(String channel, Object amount) {
    return suggest(channel, amount, Map.of());
  }

  /** A case taken in with these inputs: the severity and major its classification task is suggested. */
  private Map<String, Object> suggest(String channel, Object amount, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.putAll(inputs(false, channel, false, amount));
    return engine.run(variables);
  }

  private static Map<String, Object> suggestion(Object severity, Object major) {
    Map<String, Object> suggestion = new HashMap<>();
    suggestion.put("suggestedSeverity", severity);
    suggestion.put("suggestedMajor", major);
    return suggestion;
  }
}
