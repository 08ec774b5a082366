package io.redress.contact;

import io.redress.casefile.CaseRecords;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell the customer the result": the resolution message, with the amount as it was approved (the case record,
 * never a process variable), on the customer's usual channel. A step of its own after the handler's execution of the
 * resolution (which is asynchronous after), so a message that cannot be queued retries here and raises an incident
 * instead of refusing the handler's completion.
 */
@Component
class ResolutionMessageDelegate implements JavaDelegate {

  private final CaseRecords records;
  private final Notifications notifications;

  ResolutionMessageDelegate(CaseRecords records, Notifications notifications) {
    this.records = records;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    String approved = records.approvedAmount(number).map(a -> a.stripTrailingZeros().toPlainString()).orElse("0");
    notifications.toCustomer(number, null, Templates.RESOLUTION, Map.of("amount", approved),
        "resolution:" + number + ":" + execution.getActivityInstanceId());
  }
}
