package io.redress.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four DMN files deploy on a real (in-memory) Camunda 7 engine and evaluate there. */
class DecisionDeploymentTest {

  private static final List<String> DECISION_KEYS =
      List.of("approval-authority", "assignment-group", "classification-suggestion", "escalation-level");

  private static ProcessEngine engine;
  private static Deployment deployment;

  @BeforeAll
  static void deployAllDecisions() {
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:dmn-deploy;DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
        .setJobExecutorActivate(false)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setProcessEngineName("dmn-deploy")
        .buildProcessEngine();
    var builder = engine.getRepositoryService().createDeployment().name("redress-decisions");
    for (String key : DECISION_KEYS) {
      builder.addClasspathResource("processes/" + key + ".dmn");
    }
    deployment = builder.deploy();
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void deploysFourDecisionsWithHistoryTimeToLive180() {
    List<DecisionDefinition> definitions = engine.getRepositoryService().createDecisionDefinitionQuery()
        .deploymentId(deployment.getId())
        .orderByDecisionDefinitionKey().asc()
        .list();

    assertThat(definitions).extracting(DecisionDefinition::getKey).containsExactlyElementsOf(DECISION_KEYS);
    assertThat(definitions).allSatisfy(definition -> {
      assertThat(definition.getHistoryTimeToLive()).as("TTL of %s", definition.getKey()).isEqualTo(180);
      assertThat(definition.getVersion()).isEqualTo(1);
      assertThat(definition.getResourceName()).isEqualTo("processes/" + definition.getKey() + ".dmn");
    });
    assertThat(definitions).extracting(DecisionDefinition::getName).containsExactly(
        "Approval authority", "Assignment group", "Classification suggestion", "Escalation level");
  }

  @Test
  void deployedDecisionsEvaluateOnTheEngine() {
    var decisions = engine.getDecisionService();

    String approverGroup = decisions.evaluateDecisionTableByKey("approval-authority")
        .variables(Variables.putValue("major", false).putValue("compensationAmount", 5000.0))
        .evaluate().getSingleEntry();
    assertThat(approverGroup).isEqualTo("managers");

    String assignGroup = decisions.evaluateDecisionTableByKey("assignment-group")
        .variables(Variables.putValue("major", null))
        .evaluate().getSingleEntry();
    assertThat(assignGroup).isEqualTo("supervisors");

    assertThat(decisions.evaluateDecisionTableByKey("classification-suggestion")
        .variables(Variables.putValue("safetyRisk", false).putValue("channel", "social")
            .putValue("secondComplaint", true).putValue("amountClaimed", null))
        .evaluate().getSingleResult().getEntryMap())
        .isEqualTo(Map.of("suggestedSeverity", "urgent", "suggestedMajor", true));
    assertThat(decisions.evaluateDecisionTableByKey("escalation-level")
        .variables(Variables.putValue("escalationCode", "approve-overdue").putValue("assignGroup", "supervisors")
            .putValue("approverGroup", "managers"))
        .evaluate().getSingleResult().getEntryMap())
        .isEqualTo(Map.of("escalationGroup", "directors", "escalationResponseTime", "PT10M"));
  }
}
