package io.redress.contact;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.TimelineEvent;
import io.redress.notification.MessageTemplates;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.workflow.TemplateInputs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Element template "Notify customer" ({@code processes/element-templates/notify-customer.json}): <b>sends</b> a
 * message to the customer of the process's complaint through the transactional outbox ({@link Notifications}): it is
 * queued in the task's transaction and delivered by e-mail or SMS after the commit (with retries; nothing leaves if
 * the transaction rolls back). Queuing it records:
 * <ul>
 *   <li>the message in {@code outbound_message}, to the case's e-mail address or phone number, keyed by the task's
 *       activity instance (a retried task does not send twice);
 *   <li>a row in {@code customer_contact}, direction {@link CustomerContacts#OUTBOUND}, on the chosen channel, by
 *       {@code system}, with the message text rendered from the shared templates ({@link #TEXTS}: Chinese, then
 *       English; the only personal data is the customer's name, which an erasure overwrites with the rest of the
 *       contact and the outbox row);
 *   <li>a timeline entry {@link TimelineEvent#CUSTOMER_NOTIFIED} naming the message and the channel (no personal
 *       data); when the case has no address for that channel nothing is queued and the entry says so.
 * </ul>
 * Inputs of the service task: {@code template} (one of {@link #TEMPLATES}), {@code channel} ({@link #CHANNELS}),
 * {@code note} (optional, at most 1,000 characters, appended to the message as written). A missing or invalid input
 * refuses the task with a {@link org.camunda.bpm.engine.ProcessEngineException} naming the element and the input;
 * nothing is recorded.
 */
@Component("notifyCustomerDelegate")
public class NotifyCustomerDelegate implements JavaDelegate {

  public static final String TEMPLATE = "template";
  public static final String CHANNEL = "channel";
  public static final String NOTE = "note";
  /** The input parameters this delegate reads, and the only ones its template may bind. */
  public static final List<String> INPUTS = List.of(TEMPLATE, CHANNEL, NOTE);

  public static final String SMS = "sms";
  public static final String EMAIL = "email";
  public static final List<String> CHANNELS = List.of(EMAIL, SMS);
  public static final int NOTE_MAX = 1000;
  public static final String SENDER = "system";

  /** The messages the template's dropdown offers, in its order; their texts live in {@link MessageTemplates}. */
  private static final List<String> OFFERED = List.of(Templates.ACKNOWLEDGEMENT, Templates.PROGRESS_UPDATE,
      Templates.RESOLUTION, Templates.CLOSING, Templates.CALLBACK_MISSED);

  /**
   * The purpose of each message and its text, from the shared template store ({@link MessageTemplates}); {@code
   * {number}} is the complaint number. The rendering puts a salutation with the customer's name in front (a neutral
   * one when the case has no name or was erased).
   */
  public static final Map<String, Message> TEXTS;

  static {
    Map<String, Message> texts = new LinkedHashMap<>();
    for (String template : OFFERED) {
      MessageTemplates.Template t = MessageTemplates.get(template);
      texts.put(template, new Message(t.label(), t.zh(), t.en()));
    }
    TEXTS = java.util.Collections.unmodifiableMap(texts);
  }

  /** The message purposes, in the order the template's dropdown offers them. */
  public static final List<String> TEMPLATES = List.copyOf(TEXTS.keySet());

  /** One message: its label in the Modeler, and its text in Chinese and in English. */
  public record Message(String label, String chinese, String english) {
  }

  private final CaseRecords records;
  private final Notifications notifications;

  NotifyCustomerDelegate(CaseRecords records, Notifications notifications) {
    this.records = records;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TemplateInputs inputs = new TemplateInputs(execution, INPUTS);
    String template = inputs.oneOf(TEMPLATE, TEMPLATES);
    String channel = inputs.oneOf(CHANNEL, CHANNELS);
    String note = inputs.optional(NOTE, NOTE_MAX, null, null);
    inputs.check();
    CaseRecord complaint = inputs.complaint(records);
    Map<String, String> values = new HashMap<>();
    if (note != null) {
      values.put(MessageTemplates.NOTE, note);
    }
    notifications.toCustomer(complaint.number(), SMS.equals(channel) ? Notifications.Channel.SMS
        : Notifications.Channel.EMAIL, template, values,
        "notify:" + execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId());
  }
}
