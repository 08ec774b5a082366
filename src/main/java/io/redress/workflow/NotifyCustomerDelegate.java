package io.redress.workflow;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Element template "Notify customer" ({@code processes/element-templates/notify-customer.json}): <b>records</b> a
 * message to the customer of the process's complaint <b>for sending</b>; it does not send anything. There is no
 * outbox yet: delivery by e-mail and SMS comes with the outbox (another issue), which will send what is recorded
 * here. What it records:
 * <ul>
 *   <li>a row in {@code customer_contact}, direction {@link CustomerContacts#OUTBOUND}, on the chosen channel, by
 *       {@code system}, with the message text rendered from {@link #TEXTS} (Chinese, then English; the only personal
 *       data is the customer's name, which an erasure overwrites with the rest of the contact);
 *   <li>a timeline entry {@link TimelineEvent#CUSTOMER_NOTIFIED} naming the message and the channel (no personal
 *       data), and saying so when the case has no address for that channel.
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

  /**
   * The purpose of each message and its text; {@code {number}} is the complaint number. {@link #render} puts a
   * salutation with the customer's name in front (a neutral one when the case has no name or was erased).
   */
  public static final Map<String, Message> TEXTS;

  static {
    Map<String, Message> texts = new LinkedHashMap<>();
    texts.put("acknowledgement", new Message("Acknowledgement of receipt",
        "我们已收到您的投诉(编号 {number}),会尽快处理并与您联系。",
        "We have received your complaint {number}. We will handle it promptly and get back to you."));
    texts.put("progress-update", new Message("Progress update",
        "您的投诉 {number} 正在处理中,我们会及时告知您进展。",
        "Your complaint {number} is being handled. We will keep you informed of its progress."));
    texts.put("resolution", new Message("Resolution",
        "您的投诉 {number} 已有处理方案,我们将与您确认具体安排。",
        "We have reached a resolution for your complaint {number} and will confirm the details with you."));
    texts.put("closing", new Message("Case closed",
        "您的投诉 {number} 已办结,感谢您的耐心与反馈。",
        "Your complaint {number} is now closed. Thank you for your patience and your feedback."));
    texts.put("callback-missed", new Message("Missed call-back",
        "我们就投诉 {number} 致电您,未能接通。请在方便时回复或来电。",
        "We called you about your complaint {number} but could not reach you. Please reply or call us back."));
    TEXTS = java.util.Collections.unmodifiableMap(texts);
  }

  /** The message purposes, in the order the template's dropdown offers them. */
  public static final List<String> TEMPLATES = List.copyOf(TEXTS.keySet());

  /** One message: its label in the Modeler, and its text in Chinese and in English. */
  public record Message(String label, String chinese, String english) {
  }

  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Timeline timeline;

  NotifyCustomerDelegate(CaseRecords records, CustomerContacts contacts, Timeline timeline) {
    this.records = records;
    this.contacts = contacts;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TemplateInputs inputs = new TemplateInputs(execution, INPUTS);
    String template = inputs.oneOf(TEMPLATE, TEMPLATES);
    String channel = inputs.oneOf(CHANNEL, CHANNELS);
    String note = inputs.optional(NOTE, NOTE_MAX, null, null);
    inputs.check();
    CaseRecord complaint = inputs.complaint(records);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    contacts.add(complaint.number(), now, CustomerContacts.OUTBOUND, channel, SENDER, null,
        render(template, complaint, note));
    boolean noAddress = SMS.equals(channel) ? complaint.customerPhone() == null : complaint.customerEmail() == null;
    timeline.record(complaint.number(), now, TimelineEvent.CUSTOMER_NOTIFIED, complaint.stage(), SENDER,
        "Message '" + template + "' by " + channel + " recorded for sending (delivery comes with the outbox)"
            + (note == null ? "" : ", with a note")
            + (noAddress ? "; the case has no " + (SMS.equals(channel) ? "phone number" : "e-mail address")
                + " to deliver it to" : ""));
  }

  /** The message as the customer is to read it. */
  static String render(String template, CaseRecord complaint, String note) {
    Message message = TEXTS.get(template);
    String name = complaint.erased() || complaint.customerName() == null || complaint.customerName().isBlank()
        ? null : complaint.customerName().strip();
    String text = (name == null ? "您好!" : name + ",您好!")
        + message.chinese().replace("{number}", complaint.number())
        + "\n\n" + (name == null ? "Dear customer," : "Dear " + name + ",") + "\n"
        + message.english().replace("{number}", complaint.number());
    return note == null ? text : text + "\n\n" + note;
  }
}
