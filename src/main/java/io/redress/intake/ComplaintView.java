package io.redress.intake;

import io.redress.casefile.TimelineEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A case as the complaint API shows it: personal data masked. */
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
    String satisfaction,
    Instant receivedAt,
    String receivedBy,
    Instant closedAt,
    List<OpenTask> openTasks,
    List<TimelineEvent> timeline) {

  record Customer(String name, String phone, String email, String tier) {
  }

  /** A task waiting for someone, with its due date: the stage deadline (or the escalation's). */
  record OpenTask(String id, String taskKey, String name, String assignee, List<String> candidateGroups,
      Instant created, Instant due, boolean overdue) {
  }
}
