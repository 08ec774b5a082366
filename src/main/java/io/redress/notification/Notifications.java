package io.redress.notification;

import java.util.List;
import java.util.Map;

/**
 * Messages to customers and staff. Every call <b>queues</b> a message in the caller's transaction (the transactional
 * outbox): nothing leaves for a transaction that rolls back, nothing is lost when the process dies after the commit,
 * and a sender delivers it after the commit, retrying failed sends with back-off. A {@code key} names the message:
 * a second call with a key already queued queues nothing (so a retried job or delegate does not send twice).
 * Texts come from the templates per event ({@link Templates}), in Chinese and English; {@code values} fill the
 * template's {@code {placeholders}} literally (never evaluated).
 */
public interface Notifications {

  /** How a message travels. */
  enum Channel { EMAIL, SMS }

  /** A file sent with a staff e-mail (such as the monthly summary's PDF); kept with the message until it is sent. */
  record Attachment(String fileName, String contentType, byte[] content) {

    public Attachment {
      if (fileName == null || fileName.isBlank() || fileName.length() > 200 || contentType == null
          || content == null) {
        throw new IllegalArgumentException("An attachment needs a file name of 1 to 200 characters, a type and a "
            + "content");
      }
    }
  }

  /**
   * Queues a message to the customer of complaint {@code number}, records it as an outbound contact of the case and
   * on its timeline ({@code customer-notified}, no personal data).
   *
   * @param channel {@code null}: the customer's usual channel (e-mail for e-mail cases or when there is no phone
   *     number, else SMS)
   * @return false when nothing was queued: the key was queued before, or the case has no address for the channel
   *     (the timeline then says so)
   */
  boolean toCustomer(String number, Channel channel, String template, Map<String, String> values, String key);

  /**
   * Queues an e-mail to a member of staff (address from the Camunda user profile).
   *
   * @return false when the user has no e-mail address or the key was queued before
   */
  boolean toUser(String userId, String number, String template, Map<String, String> values, String key);

  /**
   * Queues an e-mail to every member of a group who has an e-mail address; each member's key is {@code key + ":" +
   * userId}.
   *
   * @return how many were queued
   */
  int toGroup(String groupId, String number, String template, Map<String, String> values, String key);

  /**
   * Queues an e-mail with attachments to every member of these groups who has an e-mail address, once per person
   * even when they are in several of the groups; each member's key is {@code key + ":" + userId}.
   *
   * @param number the complaint the message is about, or {@code null} (a message about no single complaint)
   * @return how many were queued
   */
  int toGroups(List<String> groupIds, String number, String template, Map<String, String> values, String key,
      List<Attachment> attachments);

  /**
   * A customer's erasure: the messages to the customer of these complaints lose address, subject and body
   * (they become {@code [erased]}); those not sent yet are cancelled, so nothing personal leaves afterwards.
   */
  void eraseCustomerMessages(List<String> complaintNumbers);

  /**
   * The complaint an e-mail we sent was about, by the Message-ID it left with ({@code <outbound-<id>@redress>}): a
   * reply that names it (In-Reply-To, References) belongs to that case.
   */
  java.util.Optional<String> complaintOfMessageId(String messageId);
}
