package io.redress.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.ProcessSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.ClassUtils;

/**
 * The shipped model names its tasks' listeners, so the application adds none; a version deployed before the model
 * named them gets the listeners today's model names on each task (here: the shipped model without them, under
 * another process id, since the model rules refuse such a complaint process today).
 */
@ProcessSpringTest
class TaskLifecyclePluginTest {

  @Autowired RepositoryService repositoryService;
  @Autowired ProcessEngineConfiguration configuration;

  @Test
  void theShippedModelNamesItsListenersAndGetsNoneAdded() {
    ProcessDefinitionEntity definition = parsed(repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("complaint-handling").latestVersion().singleResult().getId());

    for (String task : List.of("classifyComplaint", "approveResolution", "handleEscalation")) {
      TaskDefinition td = task(definition, task);
      td.getBuiltinTaskListeners().values().forEach(listeners -> assertThat(ours(listeners)).as(task).isEmpty());
      assertThat(ours(activity(definition, task).getBuiltInListeners().getOrDefault("end", List.of()))).as(task)
          .isEmpty();
      assertThat(TaskLifecyclePlugin.namesTracking(td)).as(task).isTrue();
    }
  }

  @Test
  void aVersionWithoutTheNamedListenersGetsTodaysListenersFromTheApplication() throws Exception {
    String older = Files.readString(Path.of("processes", "complaint-handling.bpmn"))
        .replaceAll("\\s*<camunda:(task|execution)Listener delegateExpression=\"\\$\\{(stageTracking|taskAudit"
            + "|escalationReceived|proposalChecks|approvedAmountChecks)}\" event=\"[a-z]+\" />", "")
        .replace("<bpmn:process id=\"complaint-handling\"", "<bpmn:process id=\"complaint-handling-older\"")
        // the forms and tables the complaint process has deployed (deployed with it, they would be refused)
        .replace("RefBinding=\"deployment\"", "RefBinding=\"latest\"")
        .replaceAll("\\s*<camunda:properties>\\s*<camunda:property name=\"decision\"[^>]*>\\s*</camunda:properties>", "");
    Deployment deployment = repositoryService.createDeployment().name("older-version").addString("older.bpmn", older)
        .deploy();
    try {
      ProcessDefinitionEntity definition = parsed(repositoryService.createProcessDefinitionQuery()
          .deploymentId(deployment.getId()).singleResult().getId());

      TaskDefinition classify = task(definition, "classifyComplaint");
      assertThat(TaskLifecyclePlugin.namesTracking(classify)).isFalse();
      assertThat(ours(classify.getBuiltinTaskListeners().get(TaskListener.EVENTNAME_CREATE)))
          .containsExactly("StageTracking");
      assertThat(ours(classify.getBuiltinTaskListeners().get(TaskListener.EVENTNAME_COMPLETE)))
          .containsExactly("StageTracking");
      assertThat(ours(activity(definition, "classifyComplaint").getBuiltInListeners().get("end")))
          .containsExactly("StageTracking");
      assertThat(ours(task(definition, "approveResolution").getBuiltinTaskListeners()
          .get(TaskListener.EVENTNAME_CREATE))).containsExactly("StageTracking", "ProposalChecks");
      assertThat(ours(activity(definition, "executeResolution").getBuiltInListeners().get("end")))
          .containsExactly("StageTracking", "ApprovedAmountChecks");
      assertThat(ours(task(definition, "handleEscalation").getBuiltinTaskListeners()
          .get(TaskListener.EVENTNAME_CREATE))).containsExactly("EscalationReceived", "TaskAudit");
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  /** The application's listeners among the engine's own (history). */
  private static List<String> ours(List<?> listeners) {
    return listeners.stream().filter(l -> l.getClass().getPackageName().equals("io.redress.lifecycle"))
        .map(l -> ClassUtils.getUserClass(l).getSimpleName()).toList();
  }

  private ProcessDefinitionEntity parsed(String id) {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    return engine.getCommandExecutorTxRequired().execute(
        context -> engine.getDeploymentCache().findDeployedProcessDefinitionById(id));
  }

  private static ActivityImpl activity(ProcessDefinitionEntity definition, String id) {
    return definition.findActivity(id);
  }

  private static TaskDefinition task(ProcessDefinitionEntity definition, String id) {
    return ((UserTaskActivityBehavior) activity(definition, id).getActivityBehavior()).getTaskDefinition();
  }
}
