package io.redress.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS gateway when the application has none: sends nothing, logs that the message was handed over (its outbox
 * id and length only: the number and the text are personal data) so that the outbox marks it sent. Replace it by a
 * bean of type {@link SmsGateway} of your own.
 */
public class LoggingSmsGateway implements SmsGateway {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingSmsGateway.class);

  public LoggingSmsGateway() {
    LOG.warn("No SMS gateway configured: text messages are only logged (outbox id and length), not delivered. "
        + "Define a bean of type io.redress.notification.SmsGateway to deliver them");
  }

  @Override
  public void send(long outboxId, String phone, String text) {
    LOG.info("SMS of outbound message {} handed over to the logging gateway ({} characters)", outboxId,
        text.length());
  }
}
