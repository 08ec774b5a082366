package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.HANDLER;

import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.workflow.TaskKeys;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Assign: records the chosen handler on the case and writes the "assigned" event. */
@Component("handlerAssigned")
class HandlerAssigned extends StageCompletion {

  private final CaseRecords records;
  private final Timeline timeline;

  HandlerAssigned(CaseRecords records, Timeline timeline) {
    this.records = records;
    this.timeline = timeline;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    String handler = (String) task.getVariable(HANDLER);
    records.assign(number, handler);
    timeline.record(number, now, TimelineEvent.ASSIGNED, TaskKeys.ASSIGN, actor,
        TimelineFacts.say(TimelineEvent.ASSIGNED).with("handler", handler));
  }
}
