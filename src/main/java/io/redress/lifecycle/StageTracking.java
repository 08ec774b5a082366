package io.redress.lifecycle;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import org.springframework.stereotype.Component;

/**
 * {@code ${stageTracking}} on a stage's user task: {@link TaskLifecycleListener}'s work, and the case record's stage
 * and open work (due date, holder) follow the task.
 */
@Component("stageTracking")
class StageTracking extends TaskLifecycleListener {

  StageTracking(CaseRecords records, Timeline timeline, StageRules rules, CaseDeadlines caseDeadlines,
      RootCauseCategories rootCauses) {
    super(records, timeline, rules, caseDeadlines, rootCauses, true);
  }
}
