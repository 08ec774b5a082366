package io.redress.intake;

import io.redress.casefile.TimelineEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A case as the complaint API shows it: phone and e-mail masked; the order reference withheld when the caller's
 * identity could not be confirmed (§6).
 */
record ComplaintView(
    String id,
    String status,
    String stage,
    String severity,
    String category,
    String nature,
    Boolean major,
    String assignee,
    String channel,
    Customer customer,
    String orderRef,
    String description,
    String desiredOutcome,
    BigDecimal amountClaimed,
    String currency,
    boolean safetyRisk,
    boolean resolvedAtIntake,
    boolean secondComplaint,
    String earlierComplaint,
    String identityCheck,
    String satisfaction,
    Instant receivedAt,
    String receivedBy,
    Instant dueAt,
    Instant closedAt,
    String withdrawalReason,
    List<OpenTask> openTasks,
    List<Message> messages,
    List<TimelineEvent> timeline) {

  record Customer(String id, String name, String phone, String email, String tier) {
  }

  /** A task waiting for someone, with its due date: the stage deadline (or the escalation's). */
  record OpenTask(String id, String taskKey, String name, String assignee, List<String> candidateGroups,
      Instant created, Instant due, boolean overdue) {
  }

  /** A message the customer sent after intake. */
  record Message(long id, Instant at, String channel, String recordedBy, String messageId, String text) {
  }
}
