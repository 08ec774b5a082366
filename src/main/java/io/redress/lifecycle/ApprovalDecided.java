package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.approval.ApprovalAuthority;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.security.AuditLog;
import io.redress.workflow.TaskKeys;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Approve: an approval freezes the recorded amount on the case (execution, notifications and the timeline read it
 * from there), a send-back clears it; the timeline and the audit log get the amount and authority as the server
 * recorded and decided them. The approver's authority itself was checked before, by {@link ProposalChecks}.
 */
@Component("approvalDecided")
class ApprovalDecided extends StageCompletion {

  private final CaseRecords records;
  private final Timeline timeline;
  private final ApprovalAuthority authority;
  private final AuditLog audit;

  ApprovalDecided(CaseRecords records, Timeline timeline, ApprovalAuthority authority, AuditLog audit) {
    this.records = records;
    this.timeline = timeline;
    this.authority = authority;
    this.audit = audit;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    ApprovalAuthority.Basis basis = authority.basis(number, task);
    boolean approved = (Boolean) task.getVariable(APPROVED);
    if (approved) {
      records.approve(number, basis.amount(), actor, now);
    } else {
      records.clearApproval(number);
    }
    timeline.record(number, now, approved ? TimelineEvent.APPROVED : TimelineEvent.SENT_BACK, TaskKeys.APPROVE, actor,
        TimelineFacts.say(approved ? TimelineEvent.APPROVED : TimelineEvent.SENT_BACK)
            .with("resolution", task.getVariable(RESOLUTION_TYPE))
            .with("amount", basis.amount().stripTrailingZeros().toPlainString())
            .with("authority", basis.authority()));
    audit.approval(actor, number, basis.amount(), basis.authority(), approved);
  }
}
