package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/**
 * Holds processes/complaint-handling.bpmn to the task keys, groups and forms the application relies on, and to the
 * rules that keep it honest in Modeler.
 */
class ComplaintModelTest {

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/complaint-handling.bpmn"));

  private static final Map<String, String> WHO = Map.of(
      TaskKeys.CLASSIFY, "frontline",
      TaskKeys.ASSIGN, "${assignGroup}",
      TaskKeys.INVESTIGATE, "assignee ${handler}",
      TaskKeys.APPROVE, "${approverGroup}",
      TaskKeys.EXECUTE, "assignee ${handler}",
      TaskKeys.FEEDBACK, "frontline",
      TaskKeys.HANDLE_ESCALATION, "${escalationGroup}");

  /** What each stage does when its task is completed, named on the task so Modeler shows it. */
  private static final Map<String, String> STAGE_LISTENER = Map.of(
      TaskKeys.CLASSIFY, "${classificationRecorded}",
      TaskKeys.ASSIGN, "${handlerAssigned}",
      TaskKeys.INVESTIGATE, "${compensationProposed}",
      TaskKeys.APPROVE, "${approvalDecided}",
      TaskKeys.EXECUTE, "${resolutionCarriedOut}",
      TaskKeys.FEEDBACK, "${feedbackRecorded}");

  @Test
  void eachStageNamesTheListenerThatCarriesOutItsWorkOnCompletion() {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      List<String> ends = task.getExtensionElements() == null ? List.of()
          : task.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list()
              .stream().filter(l -> "end".equals(l.getCamundaEvent()))
              .map(CamundaExecutionListener::getCamundaDelegateExpression).toList();
      if (STAGE_LISTENER.containsKey(task.getId())) {
        // the case's stage tracking first, the stage's own work last (checks of the frozen amount between)
        assertThat(ends).as(task.getId()).startsWith("${stageTracking}").endsWith(STAGE_LISTENER.get(task.getId()));
      } else {
        assertThat(ends).as(task.getId()).containsExactly("${taskAudit}");
      }
    }
  }

  @Test
  void theProcessHasTheContractsKeyAndAHistoryTimeToLive() {
    Process process = model.getModelElementById(ProcessVariables.PROCESS_KEY);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
  }

  @Test
  void everyUserTaskHasTheContractsKeyItsPeopleAFormThatExistsAndADueDate() {
    Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
    assertThat(tasks).extracting(UserTask::getId).containsExactlyInAnyOrderElementsOf(WHO.keySet());
    for (UserTask task : tasks) {
      String who = task.getCamundaAssignee() != null ? "assignee " + task.getCamundaAssignee()
          : task.getCamundaCandidateGroups();
      assertThat(who).as(task.getId()).isEqualTo(WHO.get(task.getId()));
      assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
      assertThat(new File("forms/" + task.getCamundaFormRef() + ".form")).as(task.getId()).isFile();
      // the due date comes from the SLA policy (processes/sla-policy.dmn) for this very task
      assertThat(task.getCamundaDueDate()).as(task.getId()).isEqualTo(TaskKeys.HANDLE_ESCALATION.equals(task.getId())
          ? "${sla.escalationDeadline(execution, escalationResponseTime)}"
          : "${sla.stageDeadline(execution, '" + task.getId() + "')}");
    }
  }

  @Test
  void everyStageTaskHasADeadlineTimerAtTheSameInstantAsItsDueDate() {
    for (String key : List.of(TaskKeys.CLASSIFY, TaskKeys.ASSIGN, TaskKeys.INVESTIGATE, TaskKeys.APPROVE,
        TaskKeys.EXECUTE, TaskKeys.FEEDBACK)) {
      UserTask task = model.getModelElementById(key);
      List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
          .filter(b -> b.getAttachedTo() == task)
          .filter(b -> b.getChildElementsByType(TimerEventDefinition.class).stream()
              .anyMatch(t -> t.getTimeDate() != null)).toList();
      assertThat(timers).as("%s: one deadline timer (a date)", key).hasSize(1);
      BoundaryEvent timer = timers.get(0);
      assertThat(timer.cancelActivity()).as("%s: the work goes on after the deadline", key).isFalse();
      TimerEventDefinition definition = timer.getChildElementsByType(TimerEventDefinition.class).iterator().next();
      assertThat(definition.getTimeDate()).as(key).isNotNull();
      assertThat(definition.getTimeDate().getTextContent()).as(key).isEqualTo(task.getCamundaDueDate());
    }
  }

  @Test
  void serviceTasksAreSpringBeansNeverClasses() {
    Set<String> delegates = model.getModelElementsByType(ServiceTask.class).stream()
        .peek(t -> assertThat(t.getCamundaClass()).as(t.getId()).isNull())
        .map(ServiceTask::getCamundaDelegateExpression).collect(Collectors.toSet());
    assertThat(delegates).containsExactlyInAnyOrder("${registerComplaintDelegate}", "${closeComplaintDelegate}",
        "${reopenComplaintDelegate}", "${withdrawComplaintDelegate}", "${raiseEscalationDelegate}",
        "${customerDeadlineDelegate}", "${progressUpdateDelegate}", "${dailyFollowUpDelegate}",
        "${missedCallDelegate}", "${emailFollowUpDelegate}", "${resolutionMessageDelegate}");
  }

  /**
   * Transaction boundaries (docs/failures-and-incidents.md): a person's completion commits on its own, so every user
   * task continues asynchronously after it, and the steps that do something after a completion (a decision, a message,
   * closing or reopening the case) run in that job, where a failure retries and raises an incident. The intake's
   * registration and the withdrawal stay in the request that asks for them (it answers their outcome), and nothing
   * overrides the engine's retry cycle (redress.jobs.retry-time-cycle) element by element.
   */
  @Test
  void everyUserTaskContinuesAsynchronouslyAfterItsCompletion() {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.isCamundaAsyncAfter()).as("%s is asynchronous after", task.getId()).isTrue();
      assertThat(task.isCamundaAsyncBefore()).as("%s is not asynchronous before", task.getId()).isFalse();
    }
    for (String sync : List.of("StartEvent_ComplaintReceived", "Task_RegisterComplaint", "Task_SuggestClassification",
        "Task_RecordWithdrawal", "StartEvent_ComplaintWithdrawn")) {
      FlowNode node = model.getModelElementById(sync);
      assertThat(node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter()).as("%s is synchronous", sync).isFalse();
    }
    FlowNode resolution = model.getModelElementById("Task_SendResolution");
    assertThat(resolution.getIncoming()).extracting(f -> f.getSource().getId()).containsExactly(TaskKeys.EXECUTE);
    assertThat(model.getModelElementsByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class)).isEmpty();
  }

  @Test
  void anEscalationNotHandledInTimeIsTakenUpALevelAtItsDueDate() {
    UserTask task = model.getModelElementById(TaskKeys.HANDLE_ESCALATION);
    List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() == task).toList();
    assertThat(timers).hasSize(1);
    assertThat(timers.get(0).cancelActivity()).as("the escalation moves up, it is not copied").isTrue();
    TimerEventDefinition definition = timers.get(0).getChildElementsByType(TimerEventDefinition.class).iterator()
        .next();
    assertThat(definition.getTimeDate().getTextContent()).isEqualTo(task.getCamundaDueDate());
  }

  @Test
  void everyElementIsDrawnAndNamed() {
    Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(drawn).as("shape of %s", node.getId()).contains(node.getId());
      assertThat(node.getId()).as("generated id").doesNotMatch(".*_[0-9a-z]{7}$");
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edges).as("edge of %s", flow.getId()).contains(flow.getId());
    }
    List<String> ids = model.getModelElementsByType(BaseElement.class).stream().map(BaseElement::getId)
        .filter(java.util.Objects::nonNull).toList();
    assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_[0-9a-z]{7}$"));
  }
}
