package io.redress.rules;

import static io.redress.rules.DecisionTableHarness.vars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.redress.rules.DecisionTableHarness.Evaluation;
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

/** processes/approval-authority.dmn: the default approval authority by amount. */
class ApprovalAuthorityTest {

  private static DecisionTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableHarness("approval-authority");
  }

  private static Evaluation approver(Boolean major, Object compensationAmount) {
    return table.evaluate(vars("major", major, "compensationAmount", compensationAmount));
  }

  /** One input per rule, in table order, hitting exactly that rule. */
  static Stream<Arguments> oneCasePerRule() {
    return Stream.of(
        // major, compensationAmount -> approverGroup, rule
        arguments(true, 500.0, "directors", "Rule_DirectorsForMajor"),
        arguments(false, 20000.0, "directors", "Rule_DirectorsAbove10000"),
        arguments(false, 5000.0, "managers", "Rule_ManagersUpTo10000"),
        arguments(false, 500.0, "supervisors", "Rule_SupervisorsUpTo1000"));
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @MethodSource("oneCasePerRule")
  void eachRuleNamesTheDomainApprover(Boolean major, Double compensationAmount, String approverGroup, String rule) {
    Evaluation evaluation = approver(major, compensationAmount);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("approverGroup")).isEqualTo(approverGroup);
  }

  @ParameterizedTest(name = "not major, amount {0} -> {1}")
  @CsvSource(nullValues = "null", textBlock = """
      # compensationAmount, approverGroup, rule
      null,     supervisors, Rule_SupervisorsUpTo1000
      0,        supervisors, Rule_SupervisorsUpTo1000
      1000,     supervisors, Rule_SupervisorsUpTo1000
      1000.01,  managers,    Rule_ManagersUpTo10000
      10000,    managers,    Rule_ManagersUpTo10000
      10000.01, directors,   Rule_DirectorsAbove10000
      """)
  void amountBoundaries(Double compensationAmount, String approverGroup, String rule) {
    Evaluation evaluation = approver(false, compensationAmount);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("approverGroup")).isEqualTo(approverGroup);
  }

  @ParameterizedTest(name = "major {0}, amount {1} -> {2}")
  @CsvSource(nullValues = "null", textBlock = """
      # major, compensationAmount, approverGroup, rule
      # a major complaint goes to a director whatever the amount
      true,  null,     directors,   Rule_DirectorsForMajor
      true,  0,        directors,   Rule_DirectorsForMajor
      true,  1000,     directors,   Rule_DirectorsForMajor
      true,  10000,    directors,   Rule_DirectorsForMajor
      true,  10000.01, directors,   Rule_DirectorsForMajor
      # major not set: decided by the amount alone
      null,  null,     supervisors, Rule_SupervisorsUpTo1000
      null,  5000,     managers,    Rule_ManagersUpTo10000
      null,  50000,    directors,   Rule_DirectorsAbove10000
      """)
  void majorTakesPrecedenceOverTheAmount(Boolean major, Double compensationAmount, String approverGroup,
      String rule) {
    Evaluation evaluation = approver(major, compensationAmount);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("approverGroup")).isEqualTo(approverGroup);
  }

  @Test
  void absentVariablesGoToSupervisors() {
    Evaluation evaluation = table.evaluate(vars());

    assertThat(evaluation.matchedRule()).isEqualTo("Rule_SupervisorsUpTo1000");
    assertThat(evaluation.output("approverGroup")).isEqualTo("supervisors");
  }

  @Test
  void wholeNumberAmountsFromFormsAreComparedAsNumbers() {
    assertThat(approver(false, 1000).output("approverGroup")).isEqualTo("supervisors");
    assertThat(approver(false, 1001).output("approverGroup")).isEqualTo("managers");
    assertThat(approver(false, 10000L).output("approverGroup")).isEqualTo("managers");
    assertThat(approver(false, 10001L).output("approverGroup")).isEqualTo("directors");
  }

  @Test
  void everyRuleIsHitByTheTestInputs() {
    Set<String> hit = new LinkedHashSet<>();
    oneCasePerRule().forEach(arguments -> {
      Object[] a = arguments.get();
      hit.addAll(approver((Boolean) a[0], a[1]).matchedRuleIds());
    });

    assertThat(hit).containsExactlyInAnyOrderElementsOf(table.ruleIdsInTable());
  }

  @Test
  void tableIsFirstHitAndFollowsModelerConventions() {
    assertThat(table.hitPolicy()).isEqualTo(HitPolicy.FIRST);
    table.assertModelerConventions();
  }
}
