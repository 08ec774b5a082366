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

/** processes/classification-suggestion.dmn: the suggested severity and the "major" suggestion. */
class ClassificationSuggestionTest {

  private static DecisionTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableHarness("classification-suggestion");
  }

  private static Evaluation suggest(Boolean safetyRisk, String channel, Boolean secondComplaint, Object amountClaimed) {
    return table.evaluate(vars(
        "safetyRisk", safetyRisk,
        "channel", channel,
        "secondComplaint", secondComplaint,
        "amountClaimed", amountClaimed));
  }

  /** One input per rule, in table order, hitting exactly that rule. */
  static Stream<Arguments> oneCasePerRule() {
    return Stream.of(
        // safetyRisk, channel, secondComplaint, amountClaimed -> severity, major, rule
        arguments(true, "phone", false, 50.0, "urgent", true, "Rule_UrgentForSafetyRisk"),
        arguments(false, "social", false, null, "urgent", true, "Rule_UrgentForSocialMedia"),
        arguments(false, "email", false, 25000.0, "important", true, "Rule_MajorForAmountOver10000"),
        arguments(false, "phone", true, null, "important", false, "Rule_ImportantForSecondComplaint"),
        arguments(false, "web", false, 5000.0, "important", false, "Rule_ImportantForAmountOver1000"),
        arguments(false, "letter", false, 200.0, "general", false, "Rule_GeneralOtherwise"));
  }

  @ParameterizedTest(name = "[{index}] {6}")
  @MethodSource("oneCasePerRule")
  void eachRuleSuggestsWhatTheDomainSays(Boolean safetyRisk, String channel, Boolean secondComplaint,
      Double amountClaimed, String severity, boolean major, String rule) {
    Evaluation evaluation = suggest(safetyRisk, channel, secondComplaint, amountClaimed);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("suggestedSeverity")).isEqualTo(severity);
    assertThat(evaluation.output("suggestedMajor")).isEqualTo(major);
  }

  @ParameterizedTest(name = "amount {0} -> {1}, major {2}")
  @CsvSource(nullValues = "null", textBlock = """
      # amountClaimed, severity, major, rule
      null,     general,   false, Rule_GeneralOtherwise
      0,        general,   false, Rule_GeneralOtherwise
      -50,      general,   false, Rule_GeneralOtherwise
      1000,     general,   false, Rule_GeneralOtherwise
      1000.01,  important, false, Rule_ImportantForAmountOver1000
      10000,    important, false, Rule_ImportantForAmountOver1000
      10000.01, important, true,  Rule_MajorForAmountOver10000
      """)
  void amountBoundaries(Double amountClaimed, String severity, boolean major, String rule) {
    Evaluation evaluation = suggest(false, "phone", false, amountClaimed);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("suggestedSeverity")).isEqualTo(severity);
    assertThat(evaluation.output("suggestedMajor")).isEqualTo(major);
  }

  @ParameterizedTest(name = "safety {0}, {1}, second {2}, amount {3} -> {4}, major {5}")
  @CsvSource(nullValues = "null", textBlock = """
      # safetyRisk, channel, secondComplaint, amountClaimed -> severity, major, rule
      # a safety risk is urgent whatever else is true
      true,  phone,  false, 500,     urgent,    true,  Rule_UrgentForSafetyRisk
      true,  phone,  false, null,    urgent,    true,  Rule_UrgentForSafetyRisk
      true,  social, true,  50000,   urgent,    true,  Rule_UrgentForSafetyRisk
      # a public-opinion complaint is urgent even if it is a second complaint or a large amount
      false, social, true,  null,    urgent,    true,  Rule_UrgentForSocialMedia
      false, social, false, 50000,   urgent,    true,  Rule_UrgentForSocialMedia
      # above the manager's authority: major, even for a second complaint
      false, phone,  true,  20000,   important, true,  Rule_MajorForAmountOver10000
      # second complaint with a mid-range or small amount: important, not major
      false, phone,  true,  5000,    important, false, Rule_ImportantForSecondComplaint
      false, chat,   true,  0,       important, false, Rule_ImportantForSecondComplaint
      # other channels do not raise severity on their own
      false, visit,  false, 999.99,  general,   false, Rule_GeneralOtherwise
      false, press,  false, null,    general,   false, Rule_GeneralOtherwise
      """)
  void rulePrecedence(Boolean safetyRisk, String channel, Boolean secondComplaint, Double amountClaimed,
      String severity, boolean major, String rule) {
    Evaluation evaluation = suggest(safetyRisk, channel, secondComplaint, amountClaimed);

    assertThat(evaluation.matchedRule()).isEqualTo(rule);
    assertThat(evaluation.output("suggestedSeverity")).isEqualTo(severity);
    assertThat(evaluation.output("suggestedMajor")).isEqualTo(major);
  }

  @Test
  void nullInputsMeanNothingSpecialWasReported() {
    Evaluation evaluation = suggest(null, null, null, null);

    assertThat(evaluation.matchedRule()).isEqualTo("Rule_GeneralOtherwise");
    assertThat(evaluation.output("suggestedSeverity")).isEqualTo("general");
    assertThat(evaluation.output("suggestedMajor")).isEqualTo(false);
  }

  @Test
  void absentVariablesMeanNothingSpecialWasReported() {
    Evaluation evaluation = table.evaluate(vars());

    assertThat(evaluation.matchedRule()).isEqualTo("Rule_GeneralOtherwise");
    assertThat(evaluation.output("suggestedSeverity")).isEqualTo("general");
  }

  @Test
  void wholeNumberAmountsFromFormsAreComparedAsNumbers() {
    assertThat(suggest(false, "phone", false, 20000L).output("suggestedMajor")).isEqualTo(true);
    assertThat(suggest(false, "phone", false, 5000).output("suggestedSeverity")).isEqualTo("important");
    assertThat(suggest(false, "phone", false, 1000).output("suggestedSeverity")).isEqualTo("general");
  }

  @Test
  void everyRuleIsHitByTheTestInputs() {
    Set<String> hit = new LinkedHashSet<>();
    oneCasePerRule().forEach(arguments -> {
      Object[] a = arguments.get();
      hit.addAll(suggest((Boolean) a[0], (String) a[1], (Boolean) a[2], a[3]).matchedRuleIds());
    });

    assertThat(hit).containsExactlyInAnyOrderElementsOf(table.ruleIdsInTable());
  }

  @Test
  void tableIsFirstHitAndFollowsModelerConventions() {
    assertThat(table.hitPolicy()).isEqualTo(HitPolicy.FIRST);
    table.assertModelerConventions();
  }
}
