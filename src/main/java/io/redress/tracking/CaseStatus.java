package io.redress.tracking;

import static io.redress.workflow.ProcessVariables.CUSTOMER_REACHED;
import static io.redress.workflow.ProcessVariables.FEEDBACK_COMMENT;
import static io.redress.workflow.ProcessVariables.SATISFACTION;
import static io.redress.workflow.ProcessVariables.SURVEY_ATTITUDE;
import static io.redress.workflow.ProcessVariables.SURVEY_EFFECTIVENESS;
import static io.redress.workflow.ProcessVariables.SURVEY_SPEED;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseFeedback;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.workflow.TaskKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case as its customer may see it, and the customer's answer to the feedback survey. Only the case's number,
 * its stage in plain words, the next date promised to the customer, and the messages between them: never the
 * staff's findings, root cause, approval comments or timeline, nor the customer's own details.
 */
@Service
class CaseStatus {

  /** Who the customer is on the timeline and in the records when they act on the page. */
  static final String CUSTOMER = "customer";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaseStatus.class);

  private final CaseRecords records;
  private final CaseDeadlines deadlines;
  private final CustomerContacts contacts;
  private final CaseFeedback feedback;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;
  private final String zone;
  private final Clock clock;

  CaseStatus(CaseRecords records, CaseDeadlines deadlines, CustomerContacts contacts, CaseFeedback feedback,
      TaskService tasks, IdentityService identity, ProcessEngineConfigurationImpl engine,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone, Clock clock) {
    this.records = records;
    this.deadlines = deadlines;
    this.contacts = contacts;
    this.feedback = feedback;
    this.tasks = tasks;
    this.identity = identity;
    this.engine = engine;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The case of this number whose customer gave this phone number or e-mail address; empty for a wrong number, a
   * wrong contact and an erased customer alike, after the same work.
   */
  Optional<String> match(String number, String contact) {
    Optional<CaseRecord> found = records.find(number.strip().toUpperCase(Locale.ROOT));
    CaseRecord r = found.orElse(null);
    String given = normalized(contact);
    boolean phone = equal(given, r == null || r.erased() ? null : normalized(r.customerPhone()));
    boolean email = equal(given, r == null || r.erased() ? null : normalized(r.customerEmail()));
    return r != null && (phone | email) ? Optional.of(r.number()) : Optional.empty();
  }

  /** A phone number as its digits (without a leading 86 of China's +86), an e-mail address in lower case. */
  static String normalized(String contact) {
    if (contact == null || contact.isBlank()) {
      return "";
    }
    String c = contact.strip();
    if (c.contains("@")) {
      return c.toLowerCase(Locale.ROOT);
    }
    String digits = c.replaceAll("[^0-9]", "");
    return digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
  }

  private static boolean equal(String given, String known) {
    byte[] a = given.getBytes(StandardCharsets.UTF_8);
    byte[] b = (known == null ? "\u0000" : known).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(a, b) && !given.isEmpty();
  }

  /** The customer's view of case {@code number}. */
  @Transactional(readOnly = true)
  TrackedCase view(String number, String token) {
    CaseRecord r = records.find(number).orElseThrow();
    boolean paused = records.pausedAt(number).isPresent();
    Instant next = r.isOpen() && !paused ? deadlines.openOf(number).stream()
        .filter(d -> CaseDeadlines.CUSTOMER_SERVICE.equals(d.owner()))
        .map(CaseDeadlines.Deadline::dueAt).filter(due -> due.isAfter(clock.instant()))
        .min(Instant::compareTo).orElse(null) : null;
    List<TrackedCase.Message> messages = contacts.of(number).stream().map(c -> new TrackedCase.Message(c.at(),
        CustomerContacts.OUTBOUND.equals(c.direction()) ? TrackedCase.Message.TO_CUSTOMER
            : TrackedCase.Message.FROM_CUSTOMER,
        CustomerContacts.OUTBOUND.equals(c.direction()) ? withoutSalutation(c.content()) : c.content())).toList();
    boolean asked = r.isOpen() && openFeedbackTask(number).isPresent();
    boolean answered = feedback.of(number).stream().anyMatch(f -> CUSTOMER.equals(f.recordedBy()));
    return new TrackedCase(r.number(), stage(r), r.receivedAt(), next, zone, paused, r.isOpen(), asked, answered,
        messages, token);
  }

  /** The stage in the customer's words. */
  static String stage(CaseRecord r) {
    if (!r.isOpen()) {
      return TrackedCase.CLOSED;
    }
    String stage = r.stage() == null ? "" : r.stage();
    return switch (stage) {
      case TaskKeys.INVESTIGATE -> TrackedCase.LOOKED_INTO;
      case TaskKeys.APPROVE -> TrackedCase.DECIDED;
      case TaskKeys.EXECUTE -> TrackedCase.CARRIED_OUT;
      case TaskKeys.FEEDBACK -> TrackedCase.RESOLVED;
      case TaskKeys.CLASSIFY, TaskKeys.ASSIGN, "intake", "" -> TrackedCase.RECEIVED;
      default -> TrackedCase.LOOKED_INTO;
    };
  }

  /**
   * A message without its salutation: it holds the name on the case, which the person looking may not have typed.
   */
  static String withoutSalutation(String text) {
    if (text == null) {
      return "";
    }
    if (text.startsWith("Dear ") || text.startsWith("Hello,")) {
      int line = text.indexOf('\n');
      return line < 0 ? text : text.substring(line + 1);
    }
    int greeting = text.indexOf("您好!");
    return greeting >= 0 && greeting < 220 ? text.substring(greeting + "您好!".length()) : text;
  }

  private Optional<Task> openFeedbackTask(String number) {
    return tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(TaskKeys.FEEDBACK).active()
        .list().stream().findFirst();
  }

  /**
   * Completes the feedback stage with the customer's answer, as staff would after reaching them: the stage's rules
   * check it and its listener records it; the customer is who completed it.
   */
  @Transactional
  boolean answer(String number, Survey survey) {
    Optional<Task> task = openFeedbackTask(number);
    if (task.isEmpty()) {
      return false;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CUSTOMER_REACHED, true);
    variables.put(SATISFACTION, survey.satisfaction());
    variables.put(SURVEY_ATTITUDE, survey.attitude());
    variables.put(SURVEY_SPEED, survey.speed());
    variables.put(SURVEY_EFFECTIVENESS, survey.effectiveness());
    variables.put(FEEDBACK_COMMENT, survey.comment() == null || survey.comment().isBlank() ? null : survey.comment());
    identity.setAuthenticatedUserId(CUSTOMER);
    try {
      // the customer has no account, so no authorizations: the page's token stands for them
      engine.getCommandExecutorTxRequired().execute((CommandContext ctx) -> ctx.runWithoutAuthorization(() -> {
        tasks.complete(task.get().getId(), variables);
        return null;
      }));
    } catch (org.camunda.bpm.engine.ProcessEngineException refused) {
      // a rule of the stage (the body's checks catch what they know), or the task went meanwhile
      LOG.info("Feedback of {} from the status page refused: {}", number, refused.getClass().getSimpleName());
      throw new NotAccepted();
    } finally {
      identity.clearAuthentication();
    }
    return true;
  }

  /** The process did not take the customer's answer; nothing of it was stored. */
  static class NotAccepted extends RuntimeException {
    NotAccepted() {
      super("The answer was not accepted");
    }
  }
}
