package io.redress.workflow;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.HistoricJobLogQueryImpl;
import org.camunda.bpm.engine.impl.IncidentQueryImpl;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether a case is stuck: a step of its process failed (an asynchronous continuation or a timer) and is being tried
 * again on the retry cycle ({@code redress.jobs.retry-time-cycle}), or has used its attempts up and raised an
 * incident, which waits for an analyst to retry it in Cockpit ({@code docs/failures-and-incidents.md}). Says since
 * when, at which step and why, in plain words of the working language: the cause is told from the kind of failure
 * (a message that could not be queued, a decision table, an expression, the database ...), never the exception's
 * message or stack trace, which can hold SQL or a customer's data; those stay in Cockpit for the analysts.
 * Read without the caller's authorizations (a worker reading the case sees that it is stuck, not the job).
 */
@Component
public class StuckCases {

  public static final String RETRYING = "retrying";
  public static final String INCIDENT = "incident";

  /** What the case view shows of a case that is stuck. */
  @Schema(name = "Stuck", description = """
      A step of the case failed: it is tried again on the retry cycle (`retrying`), and once its attempts are used up \
      it raises an incident (`incident`) that an analyst retries in Cockpit. The case does not move on until then.""")
  public record Stuck(
      @Schema(description = "`retrying`: attempts are left, the next one is at `nextAttemptAt`; `incident`: the "
          + "attempts are used up, an analyst retries it in Cockpit.", example = "incident",
          allowableValues = {"retrying", "incident"}, requiredMode = Schema.RequiredMode.REQUIRED) String state,
      @Schema(description = "When the step first failed.", example = "2026-11-25T06:12:40Z") Instant since,
      @Schema(description = "The step that failed, by its name.", example = "Tell the customer the result")
      String step,
      @Schema(description = "The step's id in the model (Cockpit shows the incident there).",
          example = "Task_SendResolution") String stepId,
      @Schema(description = "Why, in plain words (the technical detail is in Cockpit).",
          example = "A message could not be queued for sending (the outbox refused it).",
          requiredMode = Schema.RequiredMode.REQUIRED) String cause,
      @Schema(description = "While `retrying`: when the next attempt is due.", example = "2026-11-25T06:17:40Z")
      Instant nextAttemptAt,
      @Schema(description = "While `retrying`: how many attempts are left.", example = "2") Integer attemptsLeft,
      @Schema(description = "Once `incident`: the incident's id in Cockpit.",
          example = "58d0b451-e91a-11f1-9171-02fc00000001") String incidentId) {
  }

  private final ObjectProvider<ProcessEngine> engine;
  private final ModelTexts texts;

  StuckCases(ObjectProvider<ProcessEngine> engine, ModelTexts texts) {
    this.engine = engine;
    this.texts = texts;
  }

  /** The failure holding up the process instance, an incident before a step still being retried; none if none. */
  public Optional<Stuck> of(String processInstanceId) {
    if (processInstanceId == null) {
      return Optional.empty();
    }
    ProcessEngine e = engine.getIfAvailable();
    if (e == null) {
      return Optional.empty();
    }
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) e.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(c -> c.runWithoutAuthorization(
        () -> find(c, e, processInstanceId)));
  }

  /** One line for the forms' deadlines: {@code Stuck since 2026-11-25 14:12 at "...": <cause> ...}. */
  public String line(Stuck s, java.util.function.Function<Instant, String> format) {
    String since = s.since() == null ? "-" : format.apply(s.since());
    if (INCIDENT.equals(s.state())) {
      return fill(texts.text("stuck.incident", "Stuck since {0} at \"{1}\": {2} An analyst retries it in Cockpit."),
          since, s.step(), s.cause(), null);
    }
    return fill(texts.text("stuck.retrying", "Failed since {0} at \"{1}\": {2} Tried again at {3}."), since,
        s.step(), s.cause(), s.nextAttemptAt() == null ? "-" : format.apply(s.nextAttemptAt()));
  }

  private Optional<Stuck> find(CommandContext c, ProcessEngine e, String processInstanceId) {
    IncidentQueryImpl incidents = new IncidentQueryImpl();
    incidents.processInstanceId(processInstanceId);
    Optional<Incident> incident = incidents.executeList(c, null).stream()
        .filter(i -> i.getId().equals(i.getRootCauseIncidentId()))
        .min(Comparator.comparing(Incident::getIncidentTimestamp));
    if (incident.isPresent()) {
      Incident i = incident.get();
      JobEntity job = Incident.FAILED_JOB_HANDLER_TYPE.equals(i.getIncidentType()) && i.getConfiguration() != null
          ? c.getJobManager().findJobById(i.getConfiguration()) : null;
      String stepId = i.getFailedActivityId() != null ? i.getFailedActivityId() : i.getActivityId();
      Instant since = job == null ? null : firstFailure(c, job.getId());
      return Optional.of(new Stuck(INCIDENT, since != null ? since : instant(i.getIncidentTimestamp()),
          step(e, i.getProcessDefinitionId(), stepId), stepId, cause(job == null ? null : stack(job)), null, null,
          i.getId()));
    }
    JobQueryImpl failing = new JobQueryImpl();
    failing.processInstanceId(processInstanceId).withException();
    List<Job> jobs = failing.executeList(c, null);
    // the job running now (a retry that may well succeed) is not what holds the case up
    String running = c.getCurrentJob() == null ? null : c.getCurrentJob().getId();
    return jobs.stream().filter(j -> j.getRetries() > 0 && !j.getId().equals(running)).map(j -> (JobEntity) j)
        .min(Comparator.comparing(j -> j.getDuedate() == null ? new Date(0) : j.getDuedate()))
        .map(j -> {
          String stepId = j.getFailedActivityId() != null ? j.getFailedActivityId() : j.getActivityId();
          Instant since = firstFailure(c, j.getId());
          return new Stuck(RETRYING, since, step(e, j.getProcessDefinitionId(), stepId), stepId, cause(stack(j)),
              instant(j.getDuedate()), j.getRetries(), null);
        });
  }

  private static Instant firstFailure(CommandContext c, String jobId) {
    if (!c.getProcessEngineConfiguration().getHistoryLevel().getName().equals("full")) {
      return null;
    }
    HistoricJobLogQueryImpl log = new HistoricJobLogQueryImpl();
    log.jobId(jobId).failureLog().orderByTimestamp().asc();
    List<HistoricJobLog> first = log.executeList(c, new Page(0, 1));
    return first.isEmpty() ? null : instant(first.get(0).getTimestamp());
  }

  private static String stack(JobEntity job) {
    try {
      String stack = job.getExceptionStacktrace();
      return stack != null ? stack : job.getExceptionMessage();
    } catch (RuntimeException e) {
      return job.getExceptionMessage();
    }
  }

  /** The step's name: a user task's in the working language, another step's as the model names it. */
  private String step(ProcessEngine e, String processDefinitionId, String activityId) {
    if (activityId == null) {
      return null;
    }
    Optional<String> translated = texts.taskName(activityId);
    if (translated.isPresent()) {
      return translated.get();
    }
    try {
      FlowElement element = e.getRepositoryService().getBpmnModelInstance(processDefinitionId)
          .getModelElementById(activityId);
      return element == null || element.getName() == null || element.getName().isBlank() ? activityId
          : element.getName().strip();
    } catch (RuntimeException notFound) {
      return activityId;
    }
  }

  /**
   * The kind of failure in plain words, told from the exceptions the stack trace names (their classes and the
   * application's frames), never from their messages.
   */
  String cause(String stack) {
    String kind = kind(stack);
    String fallback = switch (kind) {
      case "notification" -> "A message could not be queued for sending (the outbox refused it).";
      case "decision" -> "A decision table could not decide on this case's data.";
      case "expression" -> "An expression in the model could not be evaluated (a value or delegate it names is "
          + "missing).";
      case "conflict" -> "Another change to the case came at the same moment.";
      case "database" -> "The database refused to store the step's changes.";
      case "connection" -> "A system the step calls did not answer.";
      default -> "The step failed with an unexpected error ({0}).";
    };
    return texts.text("stuck.cause." + kind, fallback, exceptionName(stack));
  }

  static String kind(String stack) {
    if (stack == null || stack.isBlank()) {
      return "unexpected";
    }
    if (stack.contains("io.redress.notification.")) {
      return "notification";
    }
    if (stack.contains("org.camunda.bpm.dmn.") || stack.contains("org.camunda.bpm.engine.impl.dmn.")) {
      return "decision";
    }
    if (stack.contains("OptimisticLockingException")) {
      return "conflict";
    }
    if (stack.contains("javax.el.") || stack.contains("jakarta.el.") || stack.contains("org.camunda.bpm.impl.juel.")
        || stack.contains("org.camunda.bpm.engine.impl.el.") || stack.contains("PropertyNotFoundException")) {
      return "expression";
    }
    if (stack.contains("java.sql.") || stack.contains("org.springframework.dao.") || stack.contains("org.h2.")
        || stack.contains("org.postgresql.") || stack.contains("org.apache.ibatis.")) {
      return "database";
    }
    if (stack.contains("java.net.") || stack.contains("java.util.concurrent.TimeoutException")) {
      return "connection";
    }
    return "unexpected";
  }

  /** The simple name of the exception the stack trace starts with ({@code IllegalStateException}). */
  static String exceptionName(String stack) {
    if (stack == null || stack.isBlank()) {
      return "unknown";
    }
    String first = stack.strip().lines().findFirst().orElse("");
    int colon = first.indexOf(':');
    String type = (colon < 0 ? first : first.substring(0, colon)).strip();
    if (!type.matches("[A-Za-z_$][A-Za-z0-9_$.]*")) {
      return "unknown";
    }
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /** The pattern with {0} .. {3} replaced by the values as written, in one pass (a value is never read again). */
  private static String fill(String pattern, String... values) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([0-3])}").matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values[Integer.parseInt(m.group(1))];
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? "-" : v));
    }
    return m.appendTail(out).toString();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
