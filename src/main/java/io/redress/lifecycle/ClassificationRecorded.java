package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.Severity;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.sla.Sla;
import io.redress.workflow.TaskKeys;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Classify: records category, nature, severity (a second complaint raises "general" to "important") and whether the
 * case is major; revises the resolution deadline; writes the "classified" event.
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
    String severity = (String) task.getVariable(SEVERITY);
    boolean raised = false;
    if (Boolean.TRUE.equals(task.getVariable(SECOND_COMPLAINT)) && Severity.GENERAL.is(severity)) {
      severity = Severity.IMPORTANT.wire();
      task.setVariable(SEVERITY, severity);
      raised = true;
    }
    boolean major = (Boolean) task.getVariable(MAJOR);
    records.classify(number, (String) task.getVariable(CATEGORY), (String) task.getVariable(NATURE), severity, major);
    sla.reviseResolution(task, number);
    timeline.record(number, now, TimelineEvent.CLASSIFIED, TaskKeys.CLASSIFY, actor,
        TimelineFacts.say(TimelineEvent.CLASSIFIED).with("severity", severity).when(raised, "raised")
            .with("nature", task.getVariable(NATURE)).with("category", task.getVariable(CATEGORY))
            .when(major, "major"));
  }
}
