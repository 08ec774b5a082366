package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseFeedback;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.workflow.TaskKeys;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Feedback: the customer's answers when reached (the timeline gets the scores, never the comment), otherwise one more
 * failed contact attempt.
 */
@Component("feedbackRecorded")
class FeedbackRecorded extends StageCompletion {

  private final Timeline timeline;
  private final CaseFeedback feedback;

  FeedbackRecorded(Timeline timeline, CaseFeedback feedback) {
    this.timeline = timeline;
    this.feedback = feedback;
  }

  @Override
  void completed(DelegateExecution task, String number, String actor, Instant now) {
    String key = TaskKeys.FEEDBACK;
    if (Boolean.TRUE.equals(task.getVariable(CUSTOMER_REACHED))) {
      String satisfaction = (String) task.getVariable(SATISFACTION);
      Integer attitude = StageRules.scoreOf(task.getVariable(SURVEY_ATTITUDE));
      Integer speed = StageRules.scoreOf(task.getVariable(SURVEY_SPEED));
      Integer effectiveness = StageRules.scoreOf(task.getVariable(SURVEY_EFFECTIVENESS));
      Object comment = task.getVariable(FEEDBACK_COMMENT);
      feedback.record(number, new CaseFeedback.Entry(now, actor, satisfaction, attitude, speed, effectiveness,
          comment == null || comment.toString().isBlank() ? null : comment.toString()));
      timeline.record(number, now, TimelineEvent.FEEDBACK, key, actor,
          TimelineFacts.say(TimelineEvent.FEEDBACK).with("satisfaction", satisfaction).with("attitude", attitude)
              .with("speed", speed).with("effectiveness", effectiveness));
    } else {
      Integer attempts = (Integer) task.getVariable(FEEDBACK_ATTEMPTS);
      int next = attempts == null ? 1 : attempts + 1;
      task.setVariable(FEEDBACK_ATTEMPTS, next);
      timeline.record(number, now, TimelineEvent.CONTACT_FAILED, key, actor,
          TimelineFacts.say(TimelineEvent.CONTACT_FAILED).with("attempt", next));
    }
  }
}
