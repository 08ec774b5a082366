package io.redress.sla;

import io.redress.casefile.CustomerContacts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * At the end of "Register complaint": opens the case's customer deadlines of the SLA policy (acknowledgement, first
 * reply, effective reply, resolution; see {@link Sla#openCustomerDeadlines}). The acknowledgement is met when the
 * registration queued one to the customer.
 */
@Component("openCustomerDeadlinesListener")
class OpenCustomerDeadlinesListener implements ExecutionListener {

  private final Sla sla;
  private final CustomerContacts contacts;

  OpenCustomerDeadlinesListener(Sla sla, CustomerContacts contacts) {
    this.sla = sla;
    this.contacts = contacts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    if (number == null) {
      return;
    }
    sla.openCustomerDeadlines(execution, number);
    if (contacts.anyAfter(number, CustomerContacts.OUTBOUND, null)) {
      sla.met(number, Sla.ACKNOWLEDGE);
    }
  }
}
