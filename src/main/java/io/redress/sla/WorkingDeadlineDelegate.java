package io.redress.sla;

import io.redress.workflow.ProcessVariables;
import io.redress.workflow.TemplateInputs;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * Element template "Working-time deadline" ({@code processes/element-templates/working-deadline.json}), the
 * building block of the SLA policy: sets the process variable {@code resultVariable} to now plus
 * {@code workingTime} of working time, a {@link Date} computed exactly like the stage deadlines
 * ({@link Deadlines#workingDeadline}: the {@code redress.calendar} working days, hours, holidays and make-up days).
 * A timer or a task's due date then references it: {@code ${replyDeadline}}. Inputs of the service task:
 * <ul>
 *   <li>{@code workingTime}: an ISO-8601 duration of working time, e.g. {@code P2D} (two working days),
 *       {@code PT4H} (four working hours), {@code P1DT4H};
 *   <li>{@code resultVariable}: the name of the process variable to set, letters and digits, starting with a letter;
 *       never one of the complaint process's own variables, a bean name or this task's inputs.
 * </ul>
 * A missing or invalid input refuses the task with a {@link ProcessEngineException} naming the element and the
 * input; nothing is set. (An SLA-policy decision table that picks the duration comes with another issue.)
 */
@Component("workingDeadlineDelegate")
public class WorkingDeadlineDelegate implements JavaDelegate {

  public static final String WORKING_TIME = "workingTime";
  public static final String RESULT_VARIABLE = "resultVariable";
  /** The input parameters this delegate reads, and the only ones its template may bind. */
  public static final List<String> INPUTS = List.of(WORKING_TIME, RESULT_VARIABLE);

  public static final String RESULT_VARIABLE_PATTERN = "[A-Za-z][A-Za-z0-9]*";
  public static final int RESULT_VARIABLE_MAX = 64;
  public static final int WORKING_TIME_MAX = 32;

  private static final Pattern RESULT_VARIABLE_REGEX = Pattern.compile(RESULT_VARIABLE_PATTERN);
  /** Names the expression language resolves before process variables, or that the engine gives meaning to. */
  private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "variableScope", "caseExecution",
      "authenticatedUserId", "connector", "externalTask", "true", "false", "null", "empty", "not", "and", "or", "div",
      "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof");

  private final Deadlines deadlines;
  private final BeanFactory beans;
  private final Set<String> processVariables = processVariableNames();

  WorkingDeadlineDelegate(Deadlines deadlines, BeanFactory beans) {
    this.deadlines = deadlines;
    this.beans = beans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TemplateInputs inputs = new TemplateInputs(execution, INPUTS);
    String workingTime = inputs.required(WORKING_TIME, WORKING_TIME_MAX, null, null);
    Date due = null;
    if (workingTime != null) {
      try {
        due = deadlines.workingDeadline(workingTime);
      } catch (ProcessEngineException e) {
        inputs.problem(WORKING_TIME, "must be an ISO-8601 duration of working time such as P2D, PT4H or P1DT4H ("
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
      }
    }
    String variable = inputs.required(RESULT_VARIABLE, RESULT_VARIABLE_MAX, RESULT_VARIABLE_REGEX,
        "a variable name of letters and digits starting with a letter, e.g. replyDeadline");
    if (variable != null && reserved(variable)) {
      inputs.problem(RESULT_VARIABLE, "must not be '" + variable + "': the name is taken by "
          + (processVariables.contains(variable) ? "a variable of the complaint process"
              : INPUTS.contains(variable) ? "an input of this task" : "the engine or a bean the models use"));
    }
    inputs.check();
    execution.setVariable(variable, due);
  }

  private boolean reserved(String name) {
    return processVariables.contains(name) || INPUTS.contains(name) || ENGINE_NAMES.contains(name)
        || beans.containsBean(name);
  }

  /** Every variable name spelled in {@link ProcessVariables}: a deadline must not overwrite one of them. */
  private static Set<String> processVariableNames() {
    Set<String> names = new HashSet<>();
    for (Field field : ProcessVariables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(names);
  }
}
