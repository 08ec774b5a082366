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

/** The customer withdrew the complaint (message {@code ComplaintWithdrawn}); the case ends withdrawn. */
@Component
class WithdrawComplaintDelegate implements JavaDelegate {

  private final CaseRecords records;
  private final Timeline timeline;

  WithdrawComplaintDelegate(CaseRecords records, Timeline timeline, io.redress.casefile.CaseDeadlines caseDeadlines) {
    this.caseDeadlines = caseDeadlines;
    this.records = records;
    this.timeline = timeline;
  }

  private final io.redress.casefile.CaseDeadlines caseDeadlines;

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    Object reason = execution.getVariable(ProcessVariables.WITHDRAWAL_REASON);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    records.close(number, CaseStatus.WITHDRAWN, null, now);
    caseDeadlines.endAll(number, now, java.util.Set.of());
    records.paused(number, null, null);
    records.withdrawalReason(number, reason == null ? null : reason.toString());
    Object recordedBy = execution.getVariable(ProcessVariables.WITHDRAWAL_RECORDED_BY);
    timeline.record(number, now, TimelineEvent.WITHDRAWN, CaseStatus.WITHDRAWN.wire(),
        recordedBy == null ? "customer" : recordedBy.toString(),
        TimelineFacts.say(TimelineEvent.WITHDRAWN).with("reason", reason));
  }
}
