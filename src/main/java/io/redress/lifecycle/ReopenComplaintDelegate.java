package io.redress.lifecycle;

import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** A dissatisfied customer reopens the case as a second complaint: severity at least important. */
@Component
class ReopenComplaintDelegate implements JavaDelegate {

  private final CaseRecords records;
  private final Timeline timeline;

  ReopenComplaintDelegate(CaseRecords records, Timeline timeline) {
    this.records = records;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    Integer count = (Integer) execution.getVariable(ProcessVariables.REOPEN_COUNT);
    execution.setVariable(ProcessVariables.REOPEN_COUNT, count == null ? 1 : count + 1);
    execution.setVariable(ProcessVariables.SECOND_COMPLAINT, true);
    execution.setVariable(ProcessVariables.FEEDBACK_ATTEMPTS, 0);
    execution.removeVariable(ProcessVariables.APPROVED);
    records.markSecondComplaint(number);
    timeline.record(number, ClockUtil.getCurrentTime().toInstant(), TimelineEvent.REOPENED, "feedback", "system",
        TimelineFacts.say(TimelineEvent.REOPENED)
            .with("satisfaction", String.valueOf(execution.getVariable(ProcessVariables.SATISFACTION))));
  }
}
