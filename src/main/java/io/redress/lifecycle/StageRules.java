package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.Severity;
import io.redress.identity.Groups;
import io.redress.workflow.ModelTexts;
import io.redress.workflow.TaskKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * What each stage must decide before its task may be completed: the server-side twin of the forms'
 * validation, so that a completion through {@code /engine-rest} is held to the same rules as Tasklist. The message
 * names each field by the label its form shows and speaks the working language ({@code field.*} and {@code rule.*}
 * of {@code language/<locale>.properties}).
 */
@Component
class StageRules {

  static final Set<String> NATURES = Set.of("valid", "help-seeking", "consultation", "venting");
  static final Set<String> SEVERITIES = Severity.wireValues();
  static final Set<String> RESOLUTION_TYPES =
      Set.of("explanation", "apology", "refund", "credit", "replacement", "compensation");
  static final Set<String> SATISFIED = Set.of("very_satisfied", "satisfied", "basically_satisfied");
  static final Set<String> DISSATISFIED = Set.of("dissatisfied", "very_dissatisfied");

  /** The survey's dimensions, each scored from 1 to 5 when the customer answers it. */
  static final List<String> SURVEY = List.of(SURVEY_ATTITUDE, SURVEY_SPEED, SURVEY_EFFECTIVENESS);
  static final int MIN_SCORE = 1;
  static final int MAX_SCORE = 5;

  private static final int SHORT_TEXT = 200;
  private static final int LONG_TEXT = 4000;

  private final IdentityService identityService;
  private final ModelTexts texts;
  private final RootCauseCategories rootCauses;

  StageRules(IdentityService identityService, ModelTexts texts, RootCauseCategories rootCauses) {
    this.identityService = identityService;
    this.texts = texts;
    this.rootCauses = rootCauses;
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
          errors.add(say("member", HANDLER, Groups.HANDLERS));
        }
      }
      case TaskKeys.INVESTIGATE -> {
        text(task, FINDINGS, LONG_TEXT, errors);
        text(task, ROOT_CAUSE, LONG_TEXT, errors);
        // one of the table's categories, when the case's deployment has the table
        java.util.Map<String, String> categories = task instanceof org.camunda.bpm.engine.delegate.DelegateExecution e
            ? rootCauses.of(e) : null;
        if (categories != null) {
          oneOf(task, ROOT_CAUSE_CATEGORY, categories.keySet(), errors);
        }
        oneOf(task, RESOLUTION_TYPE, RESOLUTION_TYPES, errors);
        Object amount = task.getVariable(COMPENSATION_AMOUNT);
        if (!(amount instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())
            || Double.isInfinite(n.doubleValue())) {
          errors.add(say("non-negative", COMPENSATION_AMOUNT, null));
        }
      }
      case TaskKeys.APPROVE -> {
        Boolean approved = bool(task, APPROVED, errors);
        Object comment = task.getVariable(APPROVAL_COMMENT);
        if (Boolean.FALSE.equals(approved) && (comment == null || comment.toString().isBlank())) {
          errors.add(say("required-when-sent-back", APPROVAL_COMMENT, null));
        }
        if (comment != null && comment.toString().length() > LONG_TEXT) {
          errors.add(say("max-length", APPROVAL_COMMENT, LONG_TEXT));
        }
        if (actor != null && actor.equals(task.getVariable(HANDLER))) {
          errors.add(say("four-eyes", null, null));
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
          errors.add(say("text", FEEDBACK_COMMENT, null));
        } else if (comment != null && comment.toString().length() > LONG_TEXT) {
          errors.add(say("max-length", FEEDBACK_COMMENT, LONG_TEXT));
        }
      }
      case TaskKeys.HANDLE_ESCALATION -> text(task, ESCALATION_NOTE, LONG_TEXT, errors);
      default -> {
      }
    }
    if (!errors.isEmpty()) {
      throw new FormFieldValidationException(String.join("; ", errors),
          texts.text("rule.prefix", "Please correct the form:") + " " + String.join("; ", errors));
    }
  }

  private String text(VariableScope task, String name, int max, List<String> errors) {
    Object value = task.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      errors.add(say("required", name, null));
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(say("text", name, null));
      return null;
    }
    if (s.length() > max) {
      errors.add(say("max-length", name, max));
    }
    return s;
  }

  /**
   * A survey score: absent (the customer did not answer), or a whole number from 1 to 5. Tasklist sends a number
   * field's value as a JSON number, so {@code 4} and {@code 4.0} both pass; {@code 4.5}, {@code "4"} and {@code 6}
   * do not.
   */
  private void score(VariableScope task, String name, List<String> errors) {
    Object value = task.getVariable(name);
    if (value == null) {
      return;
    }
    if (scoreOf(value) == null) {
      errors.add(say("score", name, MIN_SCORE + "-" + MAX_SCORE));
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

  private void oneOf(VariableScope task, String name, Set<String> allowed, List<String> errors) {
    Object value = task.getVariable(name);
    if (!(value instanceof String s) || !allowed.contains(s)) {
      errors.add(say("one-of", name, String.join(", ", allowed.stream().sorted().toList())));
    }
  }

  private Boolean bool(VariableScope task, String name, List<String> errors) {
    Object value = task.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    errors.add(say("boolean", name, null));
    return null;
  }

  /**
   * One rule broken, in the working language ({@code rule.<rule>} of {@code language/<locale>.properties}):
   * {@code {field}} is the field as the user saw it and an API client sent it, {@code {0}} the rule's value.
   */
  private String say(String rule, String name, Object value) {
    String sentence = texts.text("rule." + rule, rule);
    return sentence.replace("{field}", name == null ? "" : field(name)).replace("{0}", String.valueOf(value));
  }

  /** "Category (category)": the label the user saw (in the working language), and the variable an API client sent. */
  String field(String name) {
    return texts.text("field." + name, name) + " (" + name + ")";
  }
}
