package io.redress.escalation;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.identity.Groups;
import io.redress.workflow.CaseDecisions;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * An escalation that was not handled in time climbs to the next level: team leads to managers, managers to
 * directors; directors keep it, with their own response time again. The next {@code handleEscalation} task goes
 * to that level with its response time as the new deadline. The response time of a level is the one the table
 * {@code escalation-level} of the case's deployment gives that level (its first rule choosing the level): the table
 * is the one source of the times.
 */
@Component
class RaiseEscalationDelegate implements JavaDelegate {

  /** The level above each level. */
  static final Map<String, String> NEXT_LEVEL = Map.of(
      Groups.TEAM_LEADS, Groups.MANAGERS,
      Groups.MANAGERS, Groups.DIRECTORS,
      Groups.DIRECTORS, Groups.DIRECTORS);

  private final Timeline timeline;

  RaiseEscalationDelegate(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String current = (String) execution.getVariable(ESCALATION_GROUP);
    String next = NEXT_LEVEL.getOrDefault(current, Groups.DIRECTORS);
    execution.setVariable(ESCALATION_GROUP, next);
    execution.setVariable(ESCALATION_RESPONSE_TIME, responseTime(CaseDecisions.of(execution,
        CaseDecisions.ESCALATION_LEVEL), next));
    String number = execution.getProcessBusinessKey();
    if (number != null) {
      timeline.record(number, ClockUtil.getCurrentTime().toInstant(), TimelineEvent.ESCALATION_RAISED,
          String.valueOf(execution.getVariable(ESCALATION_CODE)).replace("-overdue", ""), "system",
          TimelineFacts.say(TimelineEvent.ESCALATION_RAISED).with("from", current).with("to", next));
    }
  }

  /** The response time the table gives {@code level}: the output of its first rule that chooses that level. */
  static String responseTime(DmnDecision table, String level) {
    if (table != null && table.getDecisionLogic() instanceof DmnDecisionTableImpl logic) {
      List<DmnDecisionTableOutputImpl> outputs = logic.getOutputs();
      int group = indexOf(outputs, ESCALATION_GROUP);
      int time = indexOf(outputs, ESCALATION_RESPONSE_TIME);
      if (group >= 0 && time >= 0) {
        for (DmnDecisionTableRuleImpl rule : logic.getRules()) {
          if (level.equals(literal(rule.getConclusions().get(group).getExpression()))) {
            String value = literal(rule.getConclusions().get(time).getExpression());
            if (value != null && !value.isBlank()) {
              return value;
            }
          }
        }
      }
    }
    throw new ProcessEngineException("The decision " + CaseDecisions.ESCALATION_LEVEL
        + " of this case's deployment gives no response time for " + level);
  }

  private static int indexOf(List<DmnDecisionTableOutputImpl> outputs, String name) {
    for (int i = 0; i < outputs.size(); i++) {
      if (name.equals(outputs.get(i).getOutputName())) {
        return i;
      }
    }
    return -1;
  }

  /** A string literal of a table cell ({@code "PT30M"}) without its quotes; null for an empty cell. */
  private static String literal(String expression) {
    if (expression == null) {
      return null;
    }
    String text = expression.trim();
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1) : text;
  }
}
