package io.redress.workflow;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.identity.Groups;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * What each stage must decide before its task may be completed: the server-side twin of the forms'
 * validation, so that a completion through {@code /engine-rest} is held to the same rules as Tasklist.
 */
@Component
class StageRules {

  static final Set<String> NATURES = Set.of("valid", "help-seeking", "consultation", "venting");
  static final Set<String> SEVERITIES = Set.of("general", "important", "urgent");
  static final Set<String> RESOLUTION_TYPES =
      Set.of("explanation", "apology", "refund", "credit", "replacement", "compensation");
  static final Set<String> SATISFIED = Set.of("very_satisfied", "satisfied", "basically_satisfied");
  static final Set<String> DISSATISFIED = Set.of("dissatisfied", "very_dissatisfied");

  /** The labels the forms show, so that Tasklist's error reads in the user's words; the variable follows. */
  private static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(
      java.util.Map.entry(CATEGORY, "Category"), java.util.Map.entry(NATURE, "Nature"),
      java.util.Map.entry(SEVERITY, "Severity"), java.util.Map.entry(MAJOR, "Major complaint"),
      java.util.Map.entry(HANDLER, "Handler"), java.util.Map.entry(FINDINGS, "Findings"),
      java.util.Map.entry(ROOT_CAUSE, "Root cause"), java.util.Map.entry(RESOLUTION_TYPE, "Proposed resolution"),
      java.util.Map.entry(COMPENSATION_AMOUNT, "Compensation amount"), java.util.Map.entry(APPROVED, "Approve this resolution"),
      java.util.Map.entry(APPROVAL_COMMENT, "Comment"), java.util.Map.entry(EXECUTION_NOTE, "Execution note"),
      java.util.Map.entry(CUSTOMER_REACHED, "Customer reached"), java.util.Map.entry(SATISFACTION, "Satisfaction"),
      java.util.Map.entry(ESCALATION_NOTE, "Escalation note"), java.util.Map.entry(FEEDBACK_COMMENT, "Comment"),
      java.util.Map.entry(SURVEY_ATTITUDE, "Staff attitude"), java.util.Map.entry(SURVEY_SPEED, "Speed"),
      java.util.Map.entry(SURVEY_EFFECTIVENESS, "Effectiveness"));

  /** The survey's dimensions (§5), each scored from 1 to 5 when the customer answers it. */
  static final List<String> SURVEY = List.of(SURVEY_ATTITUDE, SURVEY_SPEED, SURVEY_EFFECTIVENESS);
  static final int MIN_SCORE = 1;
  static final int MAX_SCORE = 5;

  private static final int SHORT_TEXT = 200;
  private static final int LONG_TEXT = 4000;

  private final IdentityService identityService;

  StageRules(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * Throws a {@link FormFieldValidationException} naming every field that is wrong: the engine REST API answers it
   * with 400, Tasklist shows its message, and the completion is rolled back.
   */
  void check(String taskKey, VariableScope task, String actor) {
    List<String> errors = new ArrayList<>();
    switch (taskKey) {
      case TaskKeys.CLASSIFY -> {
        text(task, CATEGORY, SHORT_TEXT, errors);
        oneOf(task, NATURE, NATURES, errors);
        oneOf(task, SEVERITY, SEVERITIES, errors);
        bool(task, MAJOR, errors);
      }
      case TaskKeys.ASSIGN -> {
        String handler = text(task, HANDLER, SHORT_TEXT, errors);
        if (handler != null && identityService.createUserQuery().userId(handler)
            .memberOfGroup(Groups.HANDLERS).count() == 0) {
          errors.add(field(HANDLER) + " must be a member of " + Groups.HANDLERS);
        }
      }
      case TaskKeys.INVESTIGATE -> {
        text(task, FINDINGS, LONG_TEXT, errors);
        text(task, ROOT_CAUSE, LONG_TEXT, errors);
        oneOf(task, RESOLUTION_TYPE, RESOLUTION_TYPES, errors);
        Object amount = task.getVariable(COMPENSATION_AMOUNT);
        if (!(amount instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())
            || Double.isInfinite(n.doubleValue())) {
          errors.add(field(COMPENSATION_AMOUNT) + " must be a number, 0 or more");
        }
      }
      case TaskKeys.APPROVE -> {
        Boolean approved = bool(task, APPROVED, errors);
        Object comment = task.getVariable(APPROVAL_COMMENT);
        if (Boolean.FALSE.equals(approved) && (comment == null || comment.toString().isBlank())) {
          errors.add(field(APPROVAL_COMMENT) + " is required when the resolution is sent back");
        }
        if (comment != null && comment.toString().length() > LONG_TEXT) {
          errors.add(field(APPROVAL_COMMENT) + " must be at most " + LONG_TEXT + " characters");
        }
        if (actor != null && actor.equals(task.getVariable(HANDLER))) {
          errors.add("The investigator of a case may not approve its resolution (four eyes)");
        }
      }
      case TaskKeys.EXECUTE -> text(task, EXECUTION_NOTE, LONG_TEXT, errors);
      case TaskKeys.FEEDBACK -> {
        Boolean reached = bool(task, CUSTOMER_REACHED, errors);
        if (Boolean.TRUE.equals(reached)) {
          Set<String> all = new java.util.HashSet<>(SATISFIED);
          all.addAll(DISSATISFIED);
          oneOf(task, SATISFACTION, all, errors);
          SURVEY.forEach(name -> score(task, name, errors));
        }
        Object comment = task.getVariable(FEEDBACK_COMMENT);
        if (comment != null && !(comment instanceof String)) {
          errors.add(field(FEEDBACK_COMMENT) + " must be text");
        } else if (comment != null && comment.toString().length() > LONG_TEXT) {
          errors.add(field(FEEDBACK_COMMENT) + " must be at most " + LONG_TEXT + " characters");
        }
      }
      case TaskKeys.HANDLE_ESCALATION -> text(task, ESCALATION_NOTE, LONG_TEXT, errors);
      default -> {
      }
    }
    if (!errors.isEmpty()) {
      throw new FormFieldValidationException(String.join("; ", errors),
          "Please correct the form: " + String.join("; ", errors));
    }
  }

  private static String text(VariableScope task, String name, int max, List<String> errors) {
    Object value = task.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      errors.add(field(name) + " is required");
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(field(name) + " must be text");
      return null;
    }
    if (s.length() > max) {
      errors.add(field(name) + " must be at most " + max + " characters");
    }
    return s;
  }

  /**
   * A survey score: absent (the customer did not answer), or a whole number from 1 to 5. Tasklist sends a number
   * field's value as a JSON number, so {@code 4} and {@code 4.0} both pass; {@code 4.5}, {@code "4"} and {@code 6}
   * do not.
   */
  private static void score(VariableScope task, String name, List<String> errors) {
    Object value = task.getVariable(name);
    if (value == null) {
      return;
    }
    if (scoreOf(value) == null) {
      errors.add(field(name) + " must be a whole number from " + MIN_SCORE + " to " + MAX_SCORE);
    }
  }

  /** The score a checked variable holds, or {@code null} when it holds none or no valid one. */
  static Integer scoreOf(Object value) {
    if (!(value instanceof Number n)) {
      return null;
    }
    double v = n.doubleValue();
    return Double.isNaN(v) || v != Math.rint(v) || v < MIN_SCORE || v > MAX_SCORE ? null : (int) v;
  }

  private static void oneOf(VariableScope task, String name, Set<String> allowed, List<String> errors) {
    Object value = task.getVariable(name);
    if (!(value instanceof String s) || !allowed.contains(s)) {
      errors.add(field(name) + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  private static Boolean bool(VariableScope task, String name, List<String> errors) {
    Object value = task.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    errors.add(field(name) + " must be true or false");
    return null;
  }

  /** "Category (category)": the label the user saw, and the variable an API client sent. */
  static String field(String name) {
    return LABELS.getOrDefault(name, name) + " (" + name + ")";
  }
}
