package io.redress.notification;

/**
 * Hands a text message over to whoever delivers it (an SMS provider's API). The outbox's sender calls it once per
 * attempt; an exception counts as a failed attempt and is retried with back-off. The default bean,
 * {@link LoggingSmsGateway}, sends nothing; define a bean of this type of your own to deliver for real.
 */
public interface SmsGateway {

  /**
   * @param outboxId the outbox row, stable over retries: pass it to the provider as the client reference where it
   *     takes one, so that a retry after a lost answer can be recognised
   * @param phone the customer's number (personal data: never log it)
   * @param text the message (holds the customer's name: never log it)
   */
  void send(long outboxId, String phone, String text);
}
