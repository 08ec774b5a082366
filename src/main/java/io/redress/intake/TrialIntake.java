package io.redress.intake;

import static io.redress.workflow.ProcessVariables.PROCESS_KEY;

import io.redress.casefile.CaseFiling;
import io.redress.casefile.Channel;
import io.redress.casefile.NewCase;
import io.redress.casefile.Tier;
import io.redress.modeling.TrialComplaint;
import java.time.Clock;
import java.math.BigDecimal;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The deployment's trial complaint: taken in exactly as {@link ComplaintIntake} takes one in (the case record,
 * "received" on its timeline, then the process up to its first wait state), but on the definition under trial and
 * under a number of its own ({@code TRIAL-...}) so that no complaint number is used up. The caller's transaction is
 * rolled back: nothing of it is ever stored or sent.
 */
@Component
class TrialIntake implements TrialComplaint {

  static final String TRIAL_USER = "deployment-trial";

  private final CaseFiling filing;
  private final RuntimeService runtimeService;

  private final Clock clock;

  TrialIntake(CaseFiling filing, @Lazy RuntimeService runtimeService, Clock clock) {
    this.clock = clock;
    this.filing = filing;
    this.runtimeService = runtimeService;
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public String start(String processDefinitionId) {
    String number = "TRIAL-" + UUID.randomUUID().toString().substring(0, 8);
    NewCase sample = new NewCase(new NewCase.Customer("Trial Customer", null, "trial@redress.invalid",
        Tier.STANDARD.wire()), Channel.WEB.wire(), "TRIAL-ORDER",
        "Trial complaint of a deployment (rolled back)", "apology", new BigDecimal("10.00"),
        null, false, false, null, null, null);
    filing.open(sample, clock.instant(), TRIAL_USER, null, CaseFiling.ON_TRIAL,
        number);
    return runtimeService.createProcessInstanceById(processDefinitionId).businessKey(number).execute().getId();
  }
}
