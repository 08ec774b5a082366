package io.redress.notification;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code redress.notifications.*}: the outbox's sender and the acknowledgement's promise.
 *
 * @param enabled whether this node's sender polls the outbox (messages are queued either way)
 * @param pollInterval how often the sender looks for due messages
 * @param from the e-mails' sender address
 * @param batchSize how many due messages one poll takes at most
 * @param lease how long a claimed message belongs to the node sending it; a node that dies mid-send leaves it to
 *     the others after this (keep it well above the SMTP timeouts)
 * @param maxAttempts attempts before a message is given up ({@code failed})
 * @param retryInitial the wait after the first failed attempt; it doubles with each further one
 * @param retryMax the longest wait between two attempts
 * @param replyWithin by customer tier: when the acknowledgement says the customer will have our answer (the
 *     effective-reply targets: VIP 8 h, premium 24 h, standard 48 h), counted from receipt; only for a model whose
 *     SLA policy has no effective-reply deadline
 */
@ConfigurationProperties(prefix = "redress.notifications")
public record NotificationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("complaints@redress.example") String from,
    @DefaultValue("20") int batchSize,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("10") int maxAttempts,
    @DefaultValue("30s") Duration retryInitial,
    @DefaultValue("1h") Duration retryMax,
    Map<String, Duration> replyWithin) {

  public NotificationProperties {
    replyWithin = replyWithin == null || replyWithin.isEmpty()
        ? Map.of("vip", Duration.ofHours(8), "premium", Duration.ofHours(24), "standard", Duration.ofHours(48))
        : Map.copyOf(replyWithin);
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("redress.notifications.batch-size and max-attempts must be at least 1");
    }
  }

  /** The wait after the {@code attempts}-th failed attempt: initial, doubled each time, at most {@link #retryMax}. */
  public Duration backoff(int attempts) {
    Duration wait = retryInitial;
    for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }
}
