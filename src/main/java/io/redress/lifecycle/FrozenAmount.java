package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A task that shows an amount the server recorded before and refuses to change it, named in the BPMN on the task's
 * create and complete events and on its end (after the tracking listener). On create the amount is set as a task
 * variable, so Tasklist's form shows it whatever the process variable says; on complete the amount the task's
 * variables hold is kept; on end the completion is refused (400, rolled back) when the amount was changed, on the task
 * or on the process since. A new amount goes back through the investigation and the approval.
 */
abstract class FrozenAmount implements TaskListener, ExecutionListener {

  /** The amount the task's variables held at its completion, handed from complete to end (never stored). */
  private static final String AMOUNT_AT_COMPLETION = "redressAmountAtCompletion";

  /** The amount recorded for the case, if any. */
  abstract Optional<BigDecimal> recorded(String number);

  /** The amount a completion must leave unchanged; null when there is none to hold it to. */
  BigDecimal expected(DelegateExecution execution, String number) {
    return recorded(number).orElse(null);
  }

  /** What the recorded amount is, for the refusal's message. */
  abstract String what();

  /** More checks of the completion, once the amount is known to be unchanged. */
  void completed(DelegateExecution execution, String number) {
  }

  @Override
  public void notify(DelegateTask task) {
    String number = (String) task.getVariable(COMPLAINT_NUMBER);
    if (number == null) {
      return;
    }
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      recorded(number).ifPresent(amount -> task.setVariableLocal(COMPENSATION_AMOUNT, amount.doubleValue()));
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Object amount = task.getVariable(COMPENSATION_AMOUNT);
      task.getExecution().setVariableLocal(AMOUNT_AT_COMPLETION, Variables.stringValue(
          amount instanceof Number n ? new BigDecimal(n.toString()).toPlainString() : String.valueOf(amount), true));
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    String number = (String) execution.getVariable(COMPLAINT_NUMBER);
    if (number == null || execution.isCanceled()) {
      return;
    }
    BigDecimal expected = expected(execution, number);
    if (expected != null) {
      List<Object> seen = new ArrayList<>();
      seen.add(execution.getVariableLocal(AMOUNT_AT_COMPLETION));
      seen.add(execution.getVariable(COMPENSATION_AMOUNT));
      for (Object value : seen) {
        if (value != null && !same(value, expected)) {
          throw new FormFieldValidationException(COMPENSATION_AMOUNT, "The compensation amount of " + number
              + " is " + expected.stripTrailingZeros().toPlainString() + " (" + what() + "); it cannot be changed "
              + "here. A different amount goes back through the investigation and the approval. Nothing was changed.");
        }
      }
    }
    completed(execution, number);
  }

  private static boolean same(Object value, BigDecimal expected) {
    try {
      return new BigDecimal(value.toString()).compareTo(expected) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
