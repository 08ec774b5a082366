package io.redress.mailbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the complaints mailbox every {@code redress.mailbox.poll-interval} (default 30 s) when
 * {@code redress.mailbox.host} is set, unless {@code redress.mailbox.enabled=false} (other nodes read it then).
 */
@Configuration
@EnableScheduling
@ConditionalOnExpression("'${redress.mailbox.host:}' != '' and '${redress.mailbox.enabled:true}' == 'true'")
class MailboxScheduling {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxScheduling.class);

  private final Mailbox mailbox;

  MailboxScheduling(Mailbox mailbox) {
    this.mailbox = mailbox;
    LOG.info("Reading the complaints mailbox");
  }

  @Scheduled(fixedDelayString = "${redress.mailbox.poll-interval:30s}",
      initialDelayString = "${redress.mailbox.poll-interval:30s}")
  void poll() {
    try {
      mailbox.poll();
    } catch (Exception e) {
      // the server or the database is away for a moment: the next poll tries again (nothing personal in the log)
      LOG.warn("Mailbox poll failed: {}", Mailbox.describe(e));
    }
  }
}
