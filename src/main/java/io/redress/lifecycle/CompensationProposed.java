package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.COMPENSATION_AMOUNT;

import io.redress.approval.ApprovalAuthority;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Investigate: records the investigator's proposed amount, the basis of the approval. */
@Component("compensationProposed")
class CompensationProposed extends StageCompletion {

  private final ApprovalAuthority authority;

  CompensationProposed(ApprovalAuthority authority) {
    this.authority = authority;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    authority.recordProposal(number, task.getVariable(COMPENSATION_AMOUNT), actor);
  }
}
