package io.redress.summary;

import io.redress.calendar.WorkingCalendar;
import io.redress.identity.Groups;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Three days before the managers' task is due, an e-mail to every manager that it still waits. */
@Component("remindMonthlySummaryDelegate")
class RemindMonthlySummaryDelegate implements JavaDelegate {

  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Notifications notifications;
  private final WorkingCalendar calendar;

  RemindMonthlySummaryDelegate(Notifications notifications, WorkingCalendar calendar) {
    this.notifications = notifications;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String month = (String) execution.getVariable(BuildMonthlySummaryDelegate.MONTH);
    Date due = (Date) execution.getVariable(BuildMonthlySummaryDelegate.DUE);
    notifications.toGroups(List.of(Groups.MANAGERS), null, Templates.MONTHLY_SUMMARY_DUE,
        Map.of("month", month, "due", DUE.format(due.toInstant().atZone(calendar.zone())) + " "
            + calendar.zone().getId()), "monthly-summary-due:" + month, List.of());
  }
}
