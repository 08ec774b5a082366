package io.redress.escalation;

import io.redress.workflow.CaseDecisions;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The table {@code escalation-level} is evaluated once per deployed version and inputs (escalation code, assignment
 * and approver group, severity): when thousands of deadlines fall due at once, each escalation's <em>Decide
 * escalation level</em> task takes the remembered result instead of evaluating the table and writing its
 * evaluation into the history (7 rows, about a quarter of an escalation's CPU). The rules of what qualifies are
 * {@link RememberedDecisions}'s: a table an analyst changes so that its result depends on more than its inputs is
 * evaluated every time again. {@code redress.escalation.remember-decisions=false} evaluates every time (to
 * measure the difference, see docs/bench/2026-12-01-storm.md).
 */
@Component
class EscalationLevelResults extends AbstractProcessEnginePlugin {

  private final boolean remember;

  EscalationLevelResults(@Value("${redress.escalation.remember-decisions:true}") boolean remember) {
    this.remember = remember;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!remember) {
      return;
    }
    // the engine's DMN engine is made in init(); DecisionInvocation and the decision service look it up each time
    configuration.setDmnEngine(new RememberedDecisions(configuration.getDmnEngine(),
        Set.of(CaseDecisions.ESCALATION_LEVEL)));
  }
}
