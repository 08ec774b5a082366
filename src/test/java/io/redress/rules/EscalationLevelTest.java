package io.redress.rules;

import static io.redress.rules.DecisionTableHarness.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.redress.rules.DecisionTableHarness.Evaluation;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** processes/escalation-level.dmn: who gets handleEscalation when a stage deadline passes. */
class EscalationLevelTest {

  private static DecisionTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableHarness("escalation-level");
  }

  private static Evaluation escalate(String escalationCode, String assignGroup, String approverGroup) {
    return escalate(escalationCode, assignGroup, approverGroup, null);
  }

  private static Evaluation escalate(String escalationCode, String assignGroup, String approverGroup,
      String severity) {
    return table.evaluate(vars(
        "escalationCode", escalationCode,
        "assignGroup", assignGroup,
        "approverGroup", approverGroup,
        "severity", severity));
  }

  /** The customer deadlines of the SLA policy escalate by severity, whatever the stage groups. */
  @ParameterizedTest(name = "{0}, {1} -> {2} within {3}")
  @CsvSource(nullValues = "null", textBlock = """
      reply-overdue,      urgent,    directors,  PT10M, Rule_DirectorsForReplyOverdue
      reply-overdue,      important, managers,   PT30M, Rule_ManagersForReplyOverdue
      reply-overdue,      general,   team-leads, PT15M, Rule_TeamLeadsForReplyOverdue
      reply-overdue,      null,      team-leads, PT15M, Rule_TeamLeadsForReplyOverdue
      resolution-overdue, urgent,    directors,  PT10M, Rule_DirectorsForResolutionOverdue
      resolution-overdue, important, managers,   PT30M, Rule_ManagersForResolutionOverdue
      resolution-overdue, general,   team-leads, PT15M, Rule_TeamLeadsForResolutionOverdue
      """)
  void customerDeadlinesEscalateBySeverity(String code, String severity, String group, String time, String rule) {
    Evaluation evaluation = escalate(code, "managers", "directors", severity);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("escalationGroup")).isEqualTo(group);
    assertThat(evaluation.output("escalationResponseTime")).isEqualTo(time);
  }

  @Test
  void severityDoesNotChangeTheStageEscalations() {
    assertThat(escalate("classify-overdue", null, null, "urgent").output("escalationGroup")).isEqualTo("team-leads");
    assertThat(escalate("assign-overdue", "supervisors", null, "urgent").output("escalationGroup"))
        .isEqualTo("managers");
  }

  /** One input per rule, in table order, hitting exactly that rule. */
  static Stream<Arguments> oneCasePerRule() {
    return Stream.of(
        // escalationCode, assignGroup, approverGroup -> escalationGroup, escalationResponseTime, rule
        arguments("classify-overdue", null, null, "team-leads", "PT15M", "Rule_TeamLeadsForClassifyOverdue"),
        arguments("feedback-overdue", "supervisors", "managers", "team-leads", "PT15M",
            "Rule_TeamLeadsForFeedbackOverdue"),
        arguments("investigate-overdue", "supervisors", null, "managers", "PT30M",
            "Rule_ManagersForInvestigateOverdue"),
        arguments("execute-overdue", "managers", "directors", "managers", "PT30M", "Rule_ManagersForExecuteOverdue"),
        arguments("assign-overdue", "managers", null, "directors", "PT10M",
            "Rule_DirectorsForAssignOverdueByManagers"),
        arguments("assign-overdue", "supervisors", null, "managers", "PT30M", "Rule_ManagersForAssignOverdue"),
        arguments("approve-overdue", "supervisors", "supervisors", "managers", "PT30M",
            "Rule_ManagersForApproveOverdueBySupervisors"),
        arguments("approve-overdue", "supervisors", "managers", "directors", "PT10M",
            "Rule_DirectorsForApproveOverdueByManagers"),
        arguments("approve-overdue", "managers", "directors", "directors", "PT10M",
            "Rule_DirectorsForApproveOverdueByDirectors"),
        arguments("unknown-overdue", null, null, "team-leads", "PT15M", "Rule_TeamLeadsOtherwise"));
  }

  @ParameterizedTest(name = "[{index}] {5}")
  @MethodSource("oneCasePerRule")
  void eachRuleEscalatesToTheNextLevelUp(String escalationCode, String assignGroup, String approverGroup,
      String escalationGroup, String escalationResponseTime, String rule) {
    Evaluation evaluation = escalate(escalationCode, assignGroup, approverGroup);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("escalationGroup")).isEqualTo(escalationGroup);
    assertThat(evaluation.output("escalationResponseTime")).isEqualTo(escalationResponseTime);
  }

  @ParameterizedTest(name = "{0}, assign {1}, approver {2} -> {3} within {4}")
  @CsvSource(nullValues = "null", textBlock = """
      # escalationCode, assignGroup, approverGroup -> escalationGroup, escalationResponseTime, rule
      # frontline and handler stages ignore the groups
      classify-overdue,    managers,    directors,   team-leads, PT15M, Rule_TeamLeadsForClassifyOverdue
      feedback-overdue,    null,        null,        team-leads, PT15M, Rule_TeamLeadsForFeedbackOverdue
      investigate-overdue, managers,    directors,   managers,   PT30M, Rule_ManagersForInvestigateOverdue
      execute-overdue,     null,        null,        managers,   PT30M, Rule_ManagersForExecuteOverdue
      # assignment: managers (major) escalate to directors, everything else to managers
      assign-overdue,      managers,    supervisors, directors,  PT10M, Rule_DirectorsForAssignOverdueByManagers
      assign-overdue,      null,        null,        managers,   PT30M, Rule_ManagersForAssignOverdue
      assign-overdue,      supervisors, directors,   managers,   PT30M, Rule_ManagersForAssignOverdue
      # approval: the approver group decides, the assignment group does not
      approve-overdue,     managers,    supervisors, managers,   PT30M, Rule_ManagersForApproveOverdueBySupervisors
      approve-overdue,     null,        managers,    directors,  PT10M, Rule_DirectorsForApproveOverdueByManagers
      approve-overdue,     null,        directors,   directors,  PT10M, Rule_DirectorsForApproveOverdueByDirectors
      # no approver group recorded: falls through to the catch-all so it still reaches someone
      approve-overdue,     managers,    null,        team-leads, PT15M, Rule_TeamLeadsOtherwise
      # unknown or missing codes, and codes in the wrong case, reach the team leads
      null,                null,        null,        team-leads, PT15M, Rule_TeamLeadsOtherwise
      '',                  null,        null,        team-leads, PT15M, Rule_TeamLeadsOtherwise
      APPROVE-OVERDUE,     null,        directors,   team-leads, PT15M, Rule_TeamLeadsOtherwise
      """)
  void groupsAndPrecedence(String escalationCode, String assignGroup, String approverGroup, String escalationGroup,
      String escalationResponseTime, String rule) {
    Evaluation evaluation = escalate(escalationCode, assignGroup, approverGroup);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("escalationGroup")).isEqualTo(escalationGroup);
    assertThat(evaluation.output("escalationResponseTime")).isEqualTo(escalationResponseTime);
  }

  @Test
  void absentVariablesStillReachTheTeamLeads() {
    Evaluation evaluation = table.evaluate(vars());

    assertThat(evaluation.matchedRule()).isEqualTo("Rule_TeamLeadsOtherwise");
    assertThat(evaluation.output("escalationGroup")).isEqualTo("team-leads");
  }

  @Test
  void responseTimesAreIsoDurationsMatchingDomainRule4() {
    assertThat(Duration.parse((String) escalate("classify-overdue", null, null).output("escalationResponseTime")))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(Duration.parse((String) escalate("investigate-overdue", null, null).output("escalationResponseTime")))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(Duration.parse((String) escalate("approve-overdue", null, "managers").output("escalationResponseTime")))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void everyRuleIsHitByTheTestInputs() {
    Set<String> hit = new LinkedHashSet<>();
    oneCasePerRule().forEach(arguments -> {
      Object[] a = arguments.get();
      hit.addAll(escalate((String) a[0], (String) a[1], (String) a[2]).matchedRuleIds());
    });
    for (String code : new String[] {"reply-overdue", "resolution-overdue"}) {
      for (String severity : new String[] {"urgent", "important", "general"}) {
        hit.addAll(escalate(code, null, null, severity).matchedRuleIds());
      }
    }

    assertThat(hit).containsExactlyInAnyOrderElementsOf(table.ruleIdsInTable());
  }

  @Test
  void tableIsFirstHitAndFollowsModelerConventions() {
    assertThat(table.hitPolicy()).isEqualTo(HitPolicy.FIRST);
    table.assertModelerConventions();
  }
}
