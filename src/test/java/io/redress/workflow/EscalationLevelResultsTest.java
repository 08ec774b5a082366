package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.identity.Groups;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table {@code escalation-level} is evaluated once per deployed version and inputs: a second case with the same
 * inputs gets the same group and response time without a second evaluation in the history; other inputs, a new
 * version of the table, or a table whose cells are no longer literals are evaluated again. A real in-memory engine
 * with history {@code full} (where Camunda records decision evaluations), the plugin installed as the application
 * installs it; the process's business rule task is the model's (binding {@code deployment}, the same output mapping;
 * {@link DecisionTaskEngine}).
 */
class EscalationLevelResultsTest {

  private DecisionTaskEngine engine;

  @BeforeEach
  void engine() {
    engine = new DecisionTaskEngine("escalation-level", "Task_DecideEscalationLevel",
        List.of("escalationGroup", "escalationResponseTime"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theSameInputsAreEvaluatedOnceAndGiveTheSameLevel() throws Exception {
    engine.deploy(engine.shippedTable());

    assertThat(escalate("classify-overdue", null, "general")).isEqualTo(level(Groups.TEAM_LEADS, "PT15M"));
    assertThat(escalate("classify-overdue", null, "general")).isEqualTo(level(Groups.TEAM_LEADS, "PT15M"));
    assertThat(engine.evaluations()).isEqualTo(1);

    assertThat(escalate("assign-overdue", "managers", "general")).isEqualTo(level(Groups.DIRECTORS, "PT10M"));
    assertThat(escalate("assign-overdue", "supervisors", "general")).isEqualTo(level(Groups.MANAGERS, "PT30M"));
    assertThat(escalate("resolution-overdue", null, "urgent")).isEqualTo(level(Groups.DIRECTORS, "PT10M"));
    assertThat(escalate("resolution-overdue", null, "important")).isEqualTo(level(Groups.MANAGERS, "PT30M"));
    assertThat(escalate("resolution-overdue", null, "urgent")).isEqualTo(level(Groups.DIRECTORS, "PT10M"));
    assertThat(engine.evaluations()).isEqualTo(5);
  }

  @Test
  void aNewVersionOfTheTableIsEvaluatedAfresh() throws Exception {
    engine.deploy(engine.shippedTable());
    assertThat(escalate("investigate-overdue", null, "general")).isEqualTo(level(Groups.MANAGERS, "PT30M"));

    engine.deploy(engine.shippedTable().replace("<text>\"PT30M\"</text>", "<text>\"PT45M\"</text>"));

    assertThat(escalate("investigate-overdue", null, "general")).isEqualTo(level(Groups.MANAGERS, "PT45M"));
    assertThat(engine.evaluations()).isEqualTo(2);
  }

  @Test
  void aTableWhoseCellsAreNotLiteralsIsEvaluatedEveryTime() throws Exception {
    // the team leads' time now read from a variable: the result depends on more than the inputs
    engine.deploy(engine.shippedTable().replace("<text>\"PT15M\"</text>", "<text>teamLeadTime</text>"));

    assertThat(escalate("classify-overdue", null, "general", Map.of("teamLeadTime", "PT5M")))
        .isEqualTo(level(Groups.TEAM_LEADS, "PT5M"));
    assertThat(escalate("classify-overdue", null, "general", Map.of("teamLeadTime", "PT20M")))
        .isEqualTo(level(Groups.TEAM_LEADS, "PT20M"));
    assertThat(engine.evaluations()).isEqualTo(2);
  }

  @Test
  void literalCells() {
    assertThat(RememberedDecisions.literal("-", true)).isTrue();
    assertThat(RememberedDecisions.literal("\"managers\",\"directors\"", true)).isTrue();
    assertThat(RememberedDecisions.literal("not(\"urgent\")", true)).isTrue();
    assertThat(RememberedDecisions.literal("[1..5]", true)).isTrue();
    assertThat(RememberedDecisions.literal(">= 1000", true)).isTrue();
    assertThat(RememberedDecisions.literal("\"PT15M\"", false)).isTrue();
    assertThat(RememberedDecisions.literal("amount", true)).isFalse();
    assertThat(RememberedDecisions.literal("> limit", true)).isFalse();
    assertThat(RememberedDecisions.literal("date and time(\"2026-01-01T00:00:00\")", true)).isFalse();
    assertThat(RememberedDecisions.literal("\"PT\" + minutes", false)).isFalse();
    assertThat(RememberedDecisions.literal("-", false)).isFalse();
  }

  private Map<String, Object> escalate(String code, String assignGroup, String severity) {
    return escalate(code, assignGroup, severity, Map.of());
  }

  /** A case whose deadline escalates with these inputs; the group and response time its task gets. */
  private Map<String, Object> escalate(String code, String assignGroup, String severity, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put("escalationCode", code);
    variables.put("assignGroup", assignGroup);
    variables.put("approverGroup", null);
    variables.put("severity", severity);
    return engine.run(variables);
  }

  private static Map<String, Object> level(Object group, Object time) {
    Map<String, Object> level = new HashMap<>();
    level.put("escalationGroup", group);
    level.put("escalationResponseTime", time);
    return level;
  }
}
