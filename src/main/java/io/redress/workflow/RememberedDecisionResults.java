package io.redress.workflow;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tables evaluated on every case are evaluated once per deployed version and inputs:
 * <ul>
 *   <li>{@code classification-suggestion} at every intake (safety risk, channel, second complaint, and the amount
 *   claimed, which counts only by the side of each of the table's thresholds it falls on: 1,200 and 5,000 are the
 *   same input to {@code > 1000} and {@code > 10000});</li>
 *   <li>{@code severity-raise} and {@code assignment-group} when a case is classified, {@code approval-authority}
 *   when its investigation is completed and when the resolution is decided (the proposed amount by its side of 1,000
 *   and 10,000);</li>
 *   <li>{@code escalation-level} at every escalation (escalation code, assignment and approver group, severity), so
 *   that thousands of deadlines falling due at once do not evaluate it thousands of times.</li>
 * </ul>
 * A remembered result skips the evaluation and its history (3 to 7 rows each, and a fifth of an intake's CPU or a
 * quarter of an escalation's). The rules of what qualifies are {@link RememberedDecisions}'s: a table an analyst
 * changes so that its result depends on more than its inputs is evaluated every time again.
 * {@code redress.decisions.remember=false} (or the older {@code redress.escalation.remember-decisions=false}) evaluates
 * every time, to measure the difference.
 */
@Component
class RememberedDecisionResults extends AbstractProcessEnginePlugin {

  private final boolean remember;

  RememberedDecisionResults(
      @Value("${redress.decisions.remember:${redress.escalation.remember-decisions:true}}") boolean remember) {
    this.remember = remember;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!remember) {
      return;
    }
    // the engine's DMN engine is made in init(); DecisionInvocation and the decision service look it up each time
    configuration.setDmnEngine(new RememberedDecisions(configuration.getDmnEngine(),
        Set.of(CaseDecisions.CLASSIFICATION_SUGGESTION, CaseDecisions.SEVERITY_RAISE, CaseDecisions.ASSIGNMENT_GROUP,
            CaseDecisions.APPROVAL_AUTHORITY, CaseDecisions.ESCALATION_LEVEL)));
  }
}
