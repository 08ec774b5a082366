package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

/**
 * An analyst deploys a new version while complaints are open: open cases stay on their version, new cases take
 * the newest, and open cases moved with Camunda's migration API (the call docs/analysts.md documents) keep their task,
 * assignee, due date and armed deadline. A database and engine of its own: the new version must not leak into
 * the other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-versions;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=versions-test"})
@ActiveProfiles({"test", "demo"})
class ModelVersionsTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;

  @Test
  void openCasesKeepTheirVersionUntilMigratedAndKeepTheirDeadlinesAndAssignees() throws IOException {
    ProcessDefinition v1 = latest();
    ProcessInstance open = start();
    Task classify = taskService.createTaskQuery().processInstanceId(open.getId()).singleResult();
    taskService.claim(classify.getId(), "fiona");
    Job deadline = managementService.createJobQuery().processInstanceId(open.getId()).timers()
        .activityId("Timer_ClassifyOverdue").singleResult();

    deployNewVersion();
    ProcessDefinition v2 = latest();
    assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
    assertThat(v2.getName()).isEqualTo("Complaint handling (v2)");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(open.getId()).singleResult()
        .getProcessDefinitionId()).as("open cases continue on their version").isEqualTo(v1.getId());
    assertThat(start().getProcessDefinitionId()).as("new cases take the newest").isEqualTo(v2.getId());

    // the documented call: map the activities with equal ids, keep the armed timers as they are
    MigrationPlan plan = runtimeService.createMigrationPlan(v1.getId(), v2.getId()).mapEqualActivities().build();
    runtimeService.newMigration(plan).processInstanceIds(open.getId()).execute();

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(open.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(v2.getId());
    Task migrated = taskService.createTaskQuery().processInstanceId(open.getId()).singleResult();
    assertThat(migrated.getId()).isEqualTo(classify.getId());
    assertThat(migrated.getAssignee()).isEqualTo("fiona");
    assertThat(migrated.getDueDate()).isEqualTo(classify.getDueDate());
    assertThat(migrated.getProcessDefinitionId()).isEqualTo(v2.getId());
    Job armed = managementService.createJobQuery().processInstanceId(open.getId()).timers()
        .activityId("Timer_ClassifyOverdue").singleResult();
    assertThat(armed.getDuedate()).isEqualTo(deadline.getDuedate());
    assertThat(armed.getProcessDefinitionId()).isEqualTo(v2.getId());

    // and the case goes on in the new version
    identityService.setAuthentication("fiona", java.util.List.of("frontline"));
    try {
      taskService.complete(migrated.getId(), Variables.fromMap(Map.of(ProcessVariables.CATEGORY, "service-quality",
          ProcessVariables.NATURE, "valid", ProcessVariables.SEVERITY, "general", ProcessVariables.MAJOR, false)));
    } finally {
      identityService.clearAuthentication();
    }
    Task assign = taskService.createTaskQuery().processInstanceId(open.getId()).singleResult();
    assertThat(assign.getTaskDefinitionKey()).isEqualTo(TaskKeys.ASSIGN);
    assertThat(assign.getProcessDefinitionId()).isEqualTo(v2.getId());
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ProcessVariables.PROCESS_KEY)
        .latestVersion().singleResult();
  }

  private ProcessInstance start() {
    return runtimeService.startProcessInstanceByKey(ProcessVariables.PROCESS_KEY, Variables.createVariables()
        .putValue(ProcessVariables.CUSTOMER_NAME, "Xu Hui").putValue(ProcessVariables.CHANNEL, "web")
        .putValue(ProcessVariables.DESCRIPTION, "Voucher not applied").putValue(ProcessVariables.AMOUNT_CLAIMED, 30)
        .putValue(ProcessVariables.SAFETY_RISK, false).putValue(ProcessVariables.RESOLVED_AT_INTAKE, false)
        .putValue(ProcessVariables.INITIATOR, "fiona"));
  }

  /**
   * An analyst changes a row of the SLA policy (classification within 2 working hours instead of 1) and deploys:
   * new cases take the new deadline, without code; open cases keep the one their version gave them.
   */
  @Test
  void aChangedSlaPolicyDeployedAppliesToNewCasesOnly() throws IOException {
    java.time.ZonedDateTime monday10 = java.time.ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0,
        java.time.ZoneId.of("Asia/Shanghai"));
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(monday10.toInstant()));
    try {
      ProcessInstance before = start();
      java.util.Date oldDue = classifyTask(before).getDueDate();
      assertThat(oldDue.toInstant()).isEqualTo(monday10.plusHours(1).toInstant());

      deploy(text -> text, text -> text.replaceFirst(
          "(<outputEntry id=\"OutputEntry_ClassifyStage_Duration\">\\s*<text>)\"PT1H\"", "$1\"PT2H\""));

      ProcessInstance after = start();
      assertThat(classifyTask(after).getDueDate().toInstant()).as("a new case: the new policy")
          .isEqualTo(monday10.plusHours(2).toInstant());
      assertThat(managementService.createJobQuery().processInstanceId(after.getId()).timers()
          .activityId("Timer_ClassifyOverdue").singleResult().getDuedate().toInstant())
          .isEqualTo(monday10.plusHours(2).toInstant());
      assertThat(classifyTask(before).getDueDate()).as("an open case keeps its deadline").isEqualTo(oldDue);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private Task classifyTask(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TaskKeys.CLASSIFY)
        .singleResult();
  }

  private void deployNewVersion() throws IOException {
    deploy(text -> text.replace("name=\"Complaint handling\"", "name=\"Complaint handling (v2)\""), text -> text);
  }

  /** What an analyst deploys from Modeler: all models and forms together, the process and the SLA policy edited. */
  private void deploy(java.util.function.UnaryOperator<String> process, java.util.function.UnaryOperator<String> sla)
      throws IOException {
    DeploymentBuilder builder = repositoryService.createDeployment().name("redress");
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : new String[] {"processes/*.bpmn", "processes/*.dmn", "forms/*.form"}) {
      for (Resource r : resolver.getResources("classpath*:" + pattern)) {
        String name = pattern.substring(0, pattern.indexOf('/') + 1) + r.getFilename();
        try (InputStream in = r.getInputStream()) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (name.endsWith("complaint-handling.bpmn")) {
            text = process.apply(text);
          } else if (name.endsWith("sla-policy.dmn")) {
            String changed = sla.apply(text);
            text = changed;
          }
          builder.addString(name, text);
        }
      }
    }
    builder.deploy();
  }
}
