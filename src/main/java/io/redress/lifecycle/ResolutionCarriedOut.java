package io.redress.lifecycle;

import io.redress.casefile.CaseFacts;
import io.redress.sla.Sla;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Execute: the decision is carried out, so the resolution target is met. The customer hears the result in the model's
 * next step (Task_SendResolution, ResolutionMessageDelegate), after the completion has committed.
 */
@Component("resolutionCarriedOut")
class ResolutionCarriedOut extends StageCompletion {

  private final Sla sla;
  private final CaseFacts facts;

  ResolutionCarriedOut(Sla sla, CaseFacts facts) {
    this.sla = sla;
    this.facts = facts;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    sla.met(number, Sla.RESOLUTION_DEADLINE);
    facts.paid(number, now);
  }
}
