package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.sla.Sla;
import io.redress.workflow.CaseDecisions;
import io.redress.workflow.TaskKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Classify: records category, nature, severity (as the table severity-raise makes of the rep's choice: a second
 * complaint raises "general" to "important") and whether the case is major; revises the resolution deadline;
 * writes the "classified" event.
 */
@Component("classificationRecorded")
class ClassificationRecorded extends StageCompletion {

  private final CaseRecords records;
  private final Timeline timeline;
  private final Sla sla;

  ClassificationRecorded(CaseRecords records, Timeline timeline, Sla sla) {
    this.records = records;
    this.timeline = timeline;
    this.sla = sla;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    String confirmed = (String) task.getVariable(SEVERITY);
    String severity = severity(task, confirmed);
    boolean raised = !severity.equals(confirmed);
    if (raised) {
      task.setVariable(SEVERITY, severity);
    }
    boolean major = (Boolean) task.getVariable(MAJOR);
    records.classify(number, (String) task.getVariable(CATEGORY), (String) task.getVariable(NATURE), severity, major);
    sla.reviseResolution(task, number);
    timeline.record(number, now, TimelineEvent.CLASSIFIED, TaskKeys.CLASSIFY, actor,
        TimelineFacts.say(TimelineEvent.CLASSIFIED).with("severity", severity).when(raised, "raised")
            .with("nature", task.getVariable(NATURE)).with("category", task.getVariable(CATEGORY))
            .when(major, "major"));
  }

  /** The severity the case keeps: what the table severity-raise of the case's deployment makes of the confirmed one. */
  static String severity(DelegateExecution task, String confirmed) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(SEVERITY, confirmed);
    inputs.put(SECOND_COMPLAINT, Boolean.TRUE.equals(task.getVariable(SECOND_COMPLAINT)));
    Object severity = CaseDecisions.evaluateOrShipped(task, CaseDecisions.SEVERITY_RAISE, inputs)
        .getSingleEntry();
    return severity == null ? confirmed : severity.toString();
  }
}
