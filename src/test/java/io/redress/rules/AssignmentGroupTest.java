package io.redress.rules;

import static io.redress.rules.DecisionTableHarness.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.redress.rules.DecisionTableHarness.Evaluation;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/assignment-group.dmn: managers assign major complaints, supervisors every other. */
class AssignmentGroupTest {

  private static DecisionTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableHarness("assignment-group");
  }

  private static Evaluation assignGroup(Boolean major) {
    return table.evaluate(vars("major", major));
  }

  @ParameterizedTest(name = "major {0} -> {1}")
  @CsvSource(nullValues = "null", textBlock = """
      # major, assignGroup, rule
      true,  managers,    Rule_ManagersForMajor
      false, supervisors, Rule_SupervisorsForNonMajor
      null,  supervisors, Rule_SupervisorsForNonMajor
      """)
  void exactlyOneRuleNamesTheAssigningGroup(Boolean major, String assignGroup, String rule) {
    Evaluation evaluation = assignGroup(major);

    // UNIQUE: exactly one rule matches (the engine throws if two do)
    assertThat(evaluation.matchedRuleIds()).containsExactly(rule);
    assertThat(evaluation.output("assignGroup")).isEqualTo(assignGroup);
  }

  @Test
  void absentMajorGoesToSupervisors() {
    Evaluation evaluation = table.evaluate(vars());

    assertThat(evaluation.matchedRuleIds()).containsExactly("Rule_SupervisorsForNonMajor");
    assertThat(evaluation.output("assignGroup")).isEqualTo("supervisors");
  }

  @Test
  void everyRuleIsHitByTheTestInputs() {
    Set<String> hit = new LinkedHashSet<>();
    for (Boolean major : new Boolean[] {true, false, null}) {
      hit.addAll(assignGroup(major).matchedRuleIds());
    }

    assertThat(hit).containsExactlyInAnyOrderElementsOf(table.ruleIdsInTable());
  }

  @Test
  void tableIsUniqueHitAndFollowsModelerConventions() {
    assertThat(table.hitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    table.assertModelerConventions();
  }
}
