package io.redress.contact;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Progress to the customer at least every 24 hours (interval from {@code sla-contact-rules}): sends
 * {@link Templates#PROGRESS_UPDATE}, with the resolution target when there is one, unless the customer heard from us
 * (any message to them) within the interval, or the case waits on the customer.
 */
@Component("progressUpdateDelegate")
class ProgressUpdateDelegate implements JavaDelegate {

  static final String COUNT = "progressUpdates";

  private final Sla sla;
  private final CaseRecords records;
  private final CaseDeadlines deadlines;
  private final CustomerContacts contacts;
  private final Notifications notifications;
  private final Deadlines text;

  private final Clock clock;

  ProgressUpdateDelegate(Sla sla, CaseRecords records, CaseDeadlines deadlines, CustomerContacts contacts,
      Notifications notifications, Deadlines text, Clock clock) {
    this.clock = clock;
    this.sla = sla;
    this.records = records;
    this.deadlines = deadlines;
    this.contacts = contacts;
    this.notifications = notifications;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    if (number == null || records.pausedAt(number).isPresent()) {
      return;
    }
    Instant now = clock.instant();
    Duration interval = Duration.parse(String.valueOf(sla.contactRules(execution).get(DMN_PROGRESS_INTERVAL)));
    if (contacts.anyAfter(number, CustomerContacts.OUTBOUND, now.minus(interval))) {
      return;
    }
    Object count = execution.getVariable(COUNT);
    int next = count instanceof Integer i ? i + 1 : 1;
    execution.setVariable(COUNT, next);
    Map<String, String> values = new HashMap<>();
    deadlines.openOfKind(number, Sla.RESOLUTION_DEADLINE)
        .filter(d -> d.dueAt().isAfter(now))
        .ifPresent(d -> values.put("due", text.format(Date.from(d.dueAt()))));
    notifications.toCustomer(number, null, Templates.PROGRESS_UPDATE, values, "progress:" + number + ":" + next);
  }
}
