package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.COMPENSATION_AMOUNT;
import static io.redress.workflow.ProcessVariables.ROOT_CAUSE_CATEGORY;

import io.redress.approval.ApprovalAuthority;
import io.redress.casefile.CaseFacts;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Investigate: records the investigator's proposed amount, the basis of the approval, and the root cause's category
 * (a fact the reports count).
 */
@Component("compensationProposed")
class CompensationProposed extends StageCompletion {

  private final ApprovalAuthority authority;
  private final CaseFacts facts;

  CompensationProposed(ApprovalAuthority authority, CaseFacts facts) {
    this.authority = authority;
    this.facts = facts;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    authority.recordProposal(number, task.getVariable(COMPENSATION_AMOUNT), actor);
    if (task.getVariable(ROOT_CAUSE_CATEGORY) instanceof String category) {
      facts.rootCause(number, category);
    }
  }
}
