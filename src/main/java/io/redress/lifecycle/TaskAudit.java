package io.redress.lifecycle;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import org.springframework.stereotype.Component;

/**
 * {@code ${taskAudit}} on a user task beside the stages (the escalation's): {@link TaskLifecycleListener}'s work; the
 * case record's stage stays the stage's.
 */
@Component("taskAudit")
class TaskAudit extends TaskLifecycleListener {

  TaskAudit(CaseRecords records, Timeline timeline, StageRules rules, CaseDeadlines caseDeadlines, RootCauseCategories rootCauses) {
    super(records, timeline, rules, caseDeadlines, rootCauses, false);
  }
}
