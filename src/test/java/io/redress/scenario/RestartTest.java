package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressApplication;
import io.redress.workflow.ProcessVariables;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application stopped and started again on its H2 file (as the README's run command keeps it under
 * {@code ./data/}): the open complaint, its task, its armed deadline and its case record are all still there, and
 * the models are not deployed a second time.
 */
class RestartTest {

  @TempDir Path data;

  @Test
  void aRestartKeepsOpenComplaintsAndTheirArmedDeadlines() {
    String processInstanceId;
    String taskId;
    Date due;
    java.util.Map<String, Date> armed;
    String number;
    try (ConfigurableApplicationContext first = start()) {
      ProcessInstance pi = first.getBean(RuntimeService.class).startProcessInstanceByKey(
          ProcessVariables.PROCESS_KEY, Variables.createVariables()
              .putValue(ProcessVariables.CUSTOMER_NAME, "Chen Jie").putValue(ProcessVariables.CHANNEL, "phone")
              .putValue(ProcessVariables.DESCRIPTION, "Refund promised on the phone never arrived.")
              .putValue(ProcessVariables.AMOUNT_CLAIMED, 300).putValue(ProcessVariables.SAFETY_RISK, false)
              .putValue(ProcessVariables.RESOLVED_AT_INTAKE, false).putValue(ProcessVariables.INITIATOR, "fiona"));
      processInstanceId = pi.getId();
      number = pi.getBusinessKey();
      Task task = first.getBean(TaskService.class).createTaskQuery().processInstanceId(pi.getId()).singleResult();
      taskId = task.getId();
      due = task.getDueDate();
      // the stage deadline, its reminder, the customer deadlines and the contact cycles of the SLA policy
      armed = timers(first, processInstanceId).stream()
          .collect(java.util.stream.Collectors.toMap(Job::getId, Job::getDuedate));
      assertThat(armed).hasSize(7).containsValue(due);
    }

    try (ConfigurableApplicationContext second = start()) {
      Task task = second.getBean(TaskService.class).createTaskQuery().processInstanceId(processInstanceId)
          .singleResult();
      assertThat(task.getId()).isEqualTo(taskId);
      assertThat(task.getTaskDefinitionKey()).isEqualTo("classifyComplaint");
      List<Job> timers = timers(second, processInstanceId);
      assertThat(timers.stream().collect(java.util.stream.Collectors.toMap(Job::getId, Job::getDuedate)))
          .isEqualTo(armed);
      assertThat(second.getBean(JdbcTemplate.class).queryForObject(
          "SELECT stage FROM complaint WHERE complaint_number = ?", String.class, number))
          .isEqualTo("classifyComplaint");
      assertThat(second.getBean(RepositoryService.class).createProcessDefinitionQuery()
          .processDefinitionKey(ProcessVariables.PROCESS_KEY).count()).isEqualTo(1);
    }
  }

  private static List<Job> timers(ConfigurableApplicationContext context, String processInstanceId) {
    return context.getBean(ManagementService.class).createJobQuery().processInstanceId(processInstanceId).timers()
        .list();
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(RedressApplication.class)
        .profiles("test")
        .run("--spring.datasource.url=jdbc:h2:file:" + data.resolve("redress").toAbsolutePath(),
            "--server.port=0",
            "--camunda.bpm.process-engine-name=restart-test",
            // without the demo profile there is no default password: the first administrator needs one
            "--redress.admin.password=restart-test-only",
            "--camunda.bpm.generate-unique-process-engine-name=false");
  }
}
