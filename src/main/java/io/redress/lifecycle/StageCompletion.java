package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.complaintNumber;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What one stage does when a person completes its task, named in the BPMN on the user task as an execution listener
 * on {@code end} ({@code delegateExpression="${beanName}"}), so Modeler shows it where the stage is modelled.
 * It runs after the task's tracking listener ({@link TaskLifecycleListener}, named first among the task's end
 * listeners: stage tracking, the timeline's completion, and the checks that protect data), and not when the stage is
 * cancelled.
 */
abstract class StageCompletion implements ExecutionListener {

  @Override
  public final void notify(DelegateExecution execution) {
    String number = complaintNumber(execution);
    if (number == null || execution.isCanceled()) {
      return;
    }
    Object actor = execution.getVariableLocal(TaskLifecycleListener.COMPLETED_BY);
    completed(execution, number, actor == null ? null : actor.toString(), now());
  }

  abstract void completed(DelegateExecution execution, String number, String actor, Instant now);

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
