package io.redress.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/sla-policy.dmn: the stage deadlines, customer deadlines and contact rules as analysts edit it. */
class SlaPolicyTest {

  private static final Set<String> HIT = new HashSet<>();
  private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
      .customPostDecisionTableEvaluationListeners(List.of(e -> e.getMatchingRules().stream()
          .map(DmnEvaluatedDecisionRule::getId).forEach(HIT::add)))
      .buildEngine();

  private List<Map<String, Object>> evaluate(String key, Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    try (InputStream xml = getClass().getResourceAsStream("/processes/sla-policy.dmn")) {
      DmnDecision decision = engine.parseDecision(key, xml);
      return engine.evaluateDecisionTable(decision, variables).getResultList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}: {1}, reminder at {2} %")
  @CsvSource({"classifyComplaint, PT1H, 80", "assignComplaint, P2D, 80", "investigateComplaint, P5D, 80",
      "approveResolution, P3D, 80", "executeResolution, P2D, 80", "collectFeedback, P1D, 80",
      "someNewTask, P1D, 80"})
  void stageDeadlinesOfSpec1InWorkingTime(String stage, String duration, int warn) {
    Map<String, Object> rule = evaluate("sla-stage-deadline", "stage", stage).get(0);
    assertThat(rule).containsEntry("duration", duration).containsEntry("basis", "working")
        .containsEntry("warnAtPercent", warn);
  }

  @Test
  void anEscalationTakesItsTimeFromTheEscalationLevelAndOnlyItsReminderFromHere() {
    Map<String, Object> rule = evaluate("sla-stage-deadline", "stage", "handleEscalation").get(0);
    assertThat(rule.get("duration")).isNull();
    assertThat(rule).containsEntry("warnAtPercent", 80);
  }

  @ParameterizedTest(name = "{0} {1} {2}: ack {3}, reply {4}, resolution {5}")
  @CsvSource({
      "chat,   general,   standard, PT30S, PT48H, PT24H",
      "social, urgent,    vip,      PT10M, PT8H,  PT12H",
      "email,  urgent,    premium,  PT1H,  PT24H, PT12H",
      "email,  important, standard, PT4H,  PT48H, PT48H",
      "email,  general,   vip,      PT24H, PT8H,  PT24H",
      "phone,  general,   standard, PT2H,  PT48H, PT24H",
      "web,    general,   standard, PT24H, PT48H, PT24H",
      "letter, important, premium,  PT24H, PT24H, PT48H",
      "visit,  general,   vip,      PT24H, PT8H,  PT24H"})
  void customerDeadlinesOfSpec3OnTheClockOnePerKind(String channel, String severity, String tier, String ack,
      String reply, String resolution) {
    List<Map<String, Object>> rules = evaluate("sla-customer-deadline", "channel", channel, "severity", severity,
        "tier", tier);
    Map<Object, Object> byKind = new HashMap<>();
    for (Map<String, Object> r : rules) {
      assertThat(byKind.put(r.get("deadline"), r.get("duration"))).as("one %s rule", r.get("deadline")).isNull();
      assertThat(r.get("basis")).isEqualTo("clock");
      assertThat(Duration.parse((String) r.get("duration"))).isPositive();
    }
    assertThat(byKind).containsOnly(Map.entry("acknowledge", ack), Map.entry("first-reply", "PT48H"),
        Map.entry("effective-reply", reply), Map.entry("resolution", resolution));
  }

  @Test
  void contactRulesOfSpec4And5() {
    Map<String, Object> rules = evaluate("sla-contact-rules", "channel", "email").get(0);
    assertThat(rules).containsEntry("progressInterval", "PT24H").containsEntry("followUpAfter", "P1D")
        .containsEntry("callbackGap", "PT2H").containsEntry("textAfterMissedCalls", 2)
        .containsEntry("emailFollowUp", "PT48H").containsEntry("noAnswerClose", "P3D");
  }

  @Test
  void everyRuleIsHitAndEveryDecisionKeepsTheModelerConventions() throws Exception {
    stageDeadlinesOfSpec1InWorkingTime("classifyComplaint", "PT1H", 80);
    for (String s : new String[] {"assignComplaint", "investigateComplaint", "approveResolution",
        "executeResolution", "collectFeedback", "handleEscalation", "other"}) {
      evaluate("sla-stage-deadline", "stage", s);
    }
    for (String c : new String[] {"chat", "social", "email", "phone", "web"}) {
      for (String sev : new String[] {"general", "important", "urgent"}) {
        for (String tier : new String[] {"standard", "premium", "vip"}) {
          evaluate("sla-customer-deadline", "channel", c, "severity", sev, "tier", tier);
        }
      }
    }
    evaluate("sla-contact-rules", "channel", "phone");
    DmnModelInstance model;
    try (InputStream xml = getClass().getResourceAsStream("/processes/sla-policy.dmn")) {
      model = Dmn.readModelFromStream(xml);
    }
    List<String> all = new ArrayList<>(model.getModelElementsByType(Rule.class).stream().map(Rule::getId).toList());
    assertThat(HIT).containsAll(all);
    assertThat(model.getModelElementsByType(Decision.class)).extracting(Decision::getId)
        .containsExactlyInAnyOrder("sla-stage-deadline", "sla-customer-deadline", "sla-contact-rules")
        .allSatisfy(id -> assertThat(id).startsWith("sla-"));
    assertThat(model.getModelElementsByType(Decision.class))
        .allSatisfy(d -> assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("180"));
    assertThat(model.getModelElementsByType(Rule.class))
        .allSatisfy(r -> assertThat(r.getDescription()).as(r.getId()).isNotNull());
  }
}
