package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tables a case meets when it is classified ({@code severity-raise}, {@code assignment-group}) and when its
 * resolution is decided ({@code approval-authority}) are evaluated once per deployed version and inputs: checked
 * against Camunda's own DMN engine evaluating the shipped table every time, for every value their cells name, null,
 * and amounts around each threshold, and counted in Camunda's decision history. {@code severity-raise}'s output repeats
 * its input ({@code severity}), so the severity counts by its value.
 */
class ClassificationAndApprovalResultsTest {

  private static final List<Object> BOOLEANS = Arrays.asList(true, false, null);

  @Test
  void severityRaise() throws Exception {
    List<Map<String, Object>> inputs = new java.util.ArrayList<>();
    for (Object severity : Arrays.asList("general", "important", "urgent", null)) {
      for (Object second : BOOLEANS) {
        inputs.add(inputs("severity", severity, "secondComplaint", second));
      }
    }
    // each severity and second-complaint answer once: its output is the severity it was given unless raised
    assertThat(check("severity-raise", "Task_SeverityRaise", List.of("severity"), inputs)).isEqualTo(12);
  }

  @Test
  void assignmentGroup() throws Exception {
    List<Map<String, Object>> inputs = new java.util.ArrayList<>();
    for (Object major : BOOLEANS) {
      inputs.add(inputs("major", major));
    }
    assertThat(check("assignment-group", "Task_DecideAssignmentGroup", List.of("assignGroup"), inputs))
        .isEqualTo(3);
  }

  @Test
  void approvalAuthority() throws Exception {
    // the amount as ApprovalAuthority passes it (a double); 0 and 500 are one input to > 1000 and > 10000, and so
    // are 1200 and 5000: 8 keys for 10 amounts
    List<Object> amounts = Arrays.asList(null, 0.0, 500.0, 1000.0, 1000.5, 1200.0, 5000.0, 10000.0, 10000.01,
        20000.0);
    List<Map<String, Object>> inputs = new java.util.ArrayList<>();
    for (Object major : BOOLEANS) {
      for (Object amount : amounts) {
        inputs.add(inputs("major", major, "compensationAmount", amount));
      }
    }
    assertThat(check("approval-authority", "Task_DecideApprovalAuthority", List.of("approverGroup"), inputs))
        .isEqualTo(3 * 8);
  }

  @Test
  void aChangedTableIsEvaluatedAfresh() throws Exception {
    try (DecisionTaskEngine engine = new DecisionTaskEngine("approval-authority", "Task_DecideApprovalAuthority",
        List.of("approverGroup"))) {
      engine.deploy(engine.shippedTable());
      assertThat(engine.run(inputs("major", false, "compensationAmount", 1200.0)))
          .containsEntry("approverGroup", "managers");
      engine.deploy(engine.shippedTable().replace("&gt; 1000<", "&gt; 1500<"));
      assertThat(engine.run(inputs("major", false, "compensationAmount", 1200.0)))
          .containsEntry("approverGroup", "supervisors");
      assertThat(engine.evaluations()).isEqualTo(2);
    }
  }

  /**
   * Evaluates each of {@code inputs} twice through the decision service of an engine with the remembered results,
   * compares each result with the plain DMN engine's, and answers how many evaluations Camunda recorded.
   */
  private static long check(String key, String task, List<String> outputs, List<Map<String, Object>> inputs)
      throws Exception {
    try (DecisionTaskEngine engine = new DecisionTaskEngine(key, task, outputs)) {
      engine.deploy(engine.shippedTable());
      for (int round = 0; round < 2; round++) {
        for (Map<String, Object> in : inputs) {
          engine.assertAsShipped(in);
        }
      }
      long evaluations = engine.evaluations();
      System.out.printf("[%s] %d evaluations asked, %d made%n", key, 2 * inputs.size(), evaluations);
      return evaluations;
    }
  }

  private static Map<String, Object> inputs(Object... nameValue) {
    Map<String, Object> inputs = new HashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      inputs.put((String) nameValue[i], nameValue[i + 1]);
    }
    return inputs;
  }
}
