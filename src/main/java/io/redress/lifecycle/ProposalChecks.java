package io.redress.lifecycle;

import io.redress.approval.ApprovalAuthority;
import io.redress.security.AuditLog;
import java.math.BigDecimal;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${proposalChecks}} on the approval's user task: shows the amount the investigator proposed (recorded by the
 * server at the investigation), refuses a changed one, and holds the approver to the approval authority the table
 * approval-authority gives for it ({@link ApprovalAuthority}); a refusal is audited.
 */
@Component("proposalChecks")
class ProposalChecks extends FrozenAmount {

  private final ApprovalAuthority authority;
  private final AuditLog audit;

  ProposalChecks(ApprovalAuthority authority, AuditLog audit) {
    this.authority = authority;
    this.audit = audit;
  }

  @Override
  Optional<BigDecimal> recorded(String number) {
    return authority.recordedProposal(number);
  }

  /** The basis of the approval: the recorded proposal, or for a case without one the process's amount. */
  @Override
  BigDecimal expected(DelegateExecution execution, String number) {
    return authority.basis(number, execution).amount();
  }

  @Override
  String what() {
    return "the investigator's proposal";
  }

  @Override
  void completed(DelegateExecution execution, String number) {
    ApprovalAuthority.Basis basis = authority.basis(number, execution);
    try {
      authority.check(execution, basis);
    } catch (AuthorizationException e) {
      Object actor = execution.getVariableLocal(TaskLifecycleListener.COMPLETED_BY);
      audit.denied(actor == null ? null : actor.toString(), "approve " + number, "approval of "
          + basis.amount().toPlainString() + " needs " + basis.authority());
      throw e;
    }
  }
}
