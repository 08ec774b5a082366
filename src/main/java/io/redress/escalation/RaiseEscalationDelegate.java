package io.redress.escalation;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.identity.Groups;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * An escalation that was not handled in time climbs to the next level: team leads to managers, managers to
 * directors; directors keep it, with their own response time again. The next {@code handleEscalation} task goes
 * to that level with its response time as the new deadline.
 */
@Component
class RaiseEscalationDelegate implements JavaDelegate {

  /** The level above each level. */
  static final Map<String, String> NEXT_LEVEL = Map.of(
      Groups.TEAM_LEADS, Groups.MANAGERS,
      Groups.MANAGERS, Groups.DIRECTORS,
      Groups.DIRECTORS, Groups.DIRECTORS);

  /** How soon each level must handle an escalation (manager within 30 min, director within 10 min). */
  static final Map<String, String> RESPONSE_TIME = Map.of(
      Groups.TEAM_LEADS, "PT15M",
      Groups.MANAGERS, "PT30M",
      Groups.DIRECTORS, "PT10M");

  private final Timeline timeline;

  RaiseEscalationDelegate(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String current = (String) execution.getVariable(ESCALATION_GROUP);
    String next = NEXT_LEVEL.getOrDefault(current, Groups.DIRECTORS);
    execution.setVariable(ESCALATION_GROUP, next);
    execution.setVariable(ESCALATION_RESPONSE_TIME, RESPONSE_TIME.get(next));
    String number = execution.getProcessBusinessKey();
    if (number != null) {
      timeline.record(number, ClockUtil.getCurrentTime().toInstant(), TimelineEvent.ESCALATION_RAISED,
          String.valueOf(execution.getVariable(ESCALATION_CODE)).replace("-overdue", ""), "system",
          TimelineFacts.say(TimelineEvent.ESCALATION_RAISED).with("from", current).with("to", next));
    }
  }
}
