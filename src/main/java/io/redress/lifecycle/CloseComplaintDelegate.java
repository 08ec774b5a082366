package io.redress.lifecycle;

import io.redress.casefile.CaseStatus;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.workflow.ProcessVariables;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Closes the case: closed with the customer's satisfaction, or closed - no response after the last attempt. */
@Component
class CloseComplaintDelegate implements JavaDelegate {

  private final CaseRecords records;
  private final Timeline timeline;

  CloseComplaintDelegate(CaseRecords records, Timeline timeline, io.redress.casefile.CaseDeadlines caseDeadlines) {
    this.caseDeadlines = caseDeadlines;
    this.records = records;
    this.timeline = timeline;
  }

  private final io.redress.casefile.CaseDeadlines caseDeadlines;

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    boolean reached = Boolean.TRUE.equals(execution.getVariable(ProcessVariables.CUSTOMER_REACHED));
    CaseStatus status = reached ? CaseStatus.CLOSED : CaseStatus.CLOSED_NO_RESPONSE;
    String satisfaction = reached ? (String) execution.getVariable(ProcessVariables.SATISFACTION) : null;
    Instant now = ClockUtil.getCurrentTime().toInstant();
    records.close(number, status, satisfaction, now);
    caseDeadlines.endAll(number, now, java.util.Set.of("resolution"));
    records.paused(number, null, null);
    timeline.record(number, now, TimelineEvent.CLOSED, status.wire(), "system",
        reached ? TimelineFacts.say(TimelineEvent.CLOSED).with("satisfaction", satisfaction)
            : TimelineFacts.say("closed.no-response"));
  }
}
