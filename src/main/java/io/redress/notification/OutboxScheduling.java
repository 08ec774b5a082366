package io.redress.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs this node's {@link OutboxSender} every {@code redress.notifications.poll-interval} (default 2 s), unless
 * {@code redress.notifications.enabled=false} (messages are then still queued, and other nodes send them).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "redress.notifications.enabled", havingValue = "true", matchIfMissing = true)
class OutboxScheduling {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxScheduling.class);

  private final OutboxSender sender;

  OutboxScheduling(OutboxSender sender) {
    this.sender = sender;
  }

  @Scheduled(fixedDelayString = "${redress.notifications.poll-interval:2s}",
      initialDelayString = "${redress.notifications.poll-interval:2s}")
  void poll() {
    try {
      sender.poll();
    } catch (RuntimeException e) {
      // the database is away for a moment: the next poll tries again (the message says nothing personal)
      LOG.warn("Outbox poll failed: {}", OutboxSender.describe(e));
    }
  }
}
