package io.redress.intake;

import io.redress.intake.api.Deadline;
import io.redress.intake.api.Feedback;
import io.redress.intake.api.TimelineEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A case as the complaint API shows it: phone and e-mail masked; the order reference withheld when the caller's
 * identity could not be confirmed.
 */
@Schema(name = "Complaint", description = """
    A complaint case: where it stands, who works on it and by when, what the customer sent, and its timeline. \
    Phone and e-mail are masked; the order reference is withheld when the caller's identity could not be \
    confirmed. Absent fields have no value yet.""")
record ComplaintView(
    @Schema(description = "The complaint number.", example = "CMP-2026-000042",
        requiredMode = Schema.RequiredMode.REQUIRED)
    String id,
    @Schema(description = "Whether the case is open or how it ended.", example = "open",
        requiredMode = Schema.RequiredMode.REQUIRED,
        allowableValues = {"open", "closed", "closed-no-response", "withdrawn"})
    String status,
    @Schema(description = """
        Where the case is: `intake`, the task key of its current stage (`classifyComplaint`, `assignComplaint`, \
        `investigateComplaint`, `approveResolution`, `executeResolution`, `collectFeedback`), or its status once \
        it has ended.""", example = "investigateComplaint")
    String stage,
    @Schema(description = "The severity confirmed at classification.", example = "important",
        allowableValues = {"general", "important", "urgent"})
    String severity,
    @Schema(description = "The category confirmed at classification.", example = "hotel")
    String category,
    @Schema(description = "The nature confirmed at classification.", example = "valid",
        allowableValues = {"valid", "help-seeking", "consultation", "venting"})
    String nature,
    @Schema(description = "A major complaint: managers assign it and directors approve its resolution.",
        example = "false")
    Boolean major,
    @Schema(description = "The handler assigned to investigate and resolve the case.", example = "hank")
    String assignee,
    @Schema(description = "The channel the complaint came in by.", example = "phone",
        allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"})
    String channel,
    @Schema(description = "The customer, phone and e-mail masked.")
    Customer customer,
    @Schema(description = "The order (booking) reference; absent when the caller's identity check failed.",
        example = "TRV-2026-884512")
    String orderRef,
    @Schema(description = "What the customer complained about.",
        example = "上海—三亚的航班 MU5301 被取消，改签到第二天；三亚湾的酒店仍然收了第一晚的房费 680 元，拒绝退款。")
    String description,
    @Schema(description = "What the customer wants.", example = "refund",
        allowableValues = {"explanation", "apology", "refund", "credit", "replacement", "compensation"})
    String desiredOutcome,
    @Schema(description = "The amount the customer claims.", example = "680.00", multipleOf = 0.01)
    BigDecimal amountClaimed,
    @Schema(description = "The ISO 4217 code of `amountClaimed`.", example = "CNY")
    String currency,
    @Schema(description = "The customer's safety is or was at risk.", example = "false")
    boolean safetyRisk,
    @Schema(description = "The complaint was resolved while it was taken in.", example = "false")
    boolean resolvedAtIntake,
    @Schema(description = """
        A second complaint: the customer complained again about the same order within the window (30 days by \
        default), or was not satisfied with the resolution and the case was reopened.""", example = "false")
    boolean secondComplaint,
    @Schema(description = "The customer's earlier complaint about the same order, within the window.",
        example = "CMP-2026-000017")
    String earlierComplaint,
    @Schema(description = "How the caller's identity was confirmed at intake.", example = "booker",
        allowableValues = {"booker", "reserved-number", "stated-relationship", "failed"})
    String identityCheck,
    @Schema(description = "The customer's feedback once the resolution was carried out.", example = "satisfied",
        allowableValues = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
            "very_dissatisfied"})
    String satisfaction,
    @Schema(description = "When the complaint was taken in.", example = "2026-11-25T01:31:07Z")
    Instant receivedAt,
    @Schema(description = "The user who took the complaint in.", example = "fiona")
    String receivedBy,
    @Schema(description = "When the current stage is due, on the working-day calendar.",
        example = "2026-11-27T10:00:00Z")
    Instant dueAt,
    @Schema(description = "When the case ended.", example = "2026-12-02T06:45:00Z")
    Instant closedAt,
    @Schema(description = "Why the customer withdrew the complaint.", example = "酒店已全额退款，客户撤回投诉。")
    String withdrawalReason,
    @Schema(description = "The tasks waiting for someone, oldest first.")
    List<OpenTask> openTasks,
    @Schema(description = "The messages the customer sent after intake, oldest first.")
    List<Message> messages,
    @Schema(description = "What happened to the case, oldest first.")
    List<TimelineEntry> timeline,
    @Schema(description = "Every deadline of the case, oldest first: the stage deadlines of its tasks (working time) "
        + "and the customer deadlines of the SLA policy (clock time), each with its state and whom it escalated to.")
    List<Deadline> deadlines,
    @Schema(description = "Since when the case waits on the customer (its deadlines stand still); absent when it "
        + "does not.", example = "2026-11-25T03:00:00Z")
    Instant pausedAt,
    @Schema(description = "Present when the case is stuck: a step of it failed and is retried, or raised an incident "
        + "that an analyst retries in Cockpit; since when, at which step, why.")
    io.redress.workflow.StuckCases.Stuck stuck,
    @Schema(description = "The customer's feedback each time they were reached at the feedback stage, oldest first: "
        + "the satisfaction and the survey (attitude, speed, effectiveness, 1 to 5, and a comment).")
    List<Feedback> feedback) {

  @Schema(name = "ComplaintCustomer", description = "The customer who complained, phone and e-mail masked.")
  record Customer(
      @Schema(description = "The customer's id: the same customer across complaints.",
          example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a")
      String id,
      @Schema(description = "The customer's name.", example = "王芳")
      String name,
      @Schema(description = "The phone number, masked.", example = "138****8000")
      String phone,
      @Schema(description = "The e-mail address, masked.", example = "w***@example.com")
      String email,
      @Schema(description = "The customer's tier.", example = "premium",
          allowableValues = {"standard", "premium", "vip"})
      String tier,
      @Schema(description = """
          Details that complaints of this customer gave and that differ from the customer's record (another name, \
          number, address or tier), each with the complaint that gave it. Intake never overwrites the record.""")
      List<io.redress.casefile.Customers.OtherDetail> otherDetails) {
  }

  /** A task waiting for someone, with its due date: the stage deadline (or the escalation's). */
  @Schema(name = "OpenTask", description = "A task of the case waiting for someone, with its due date.")
  record OpenTask(
      @Schema(description = "The task's id in Tasklist and the engine REST API.",
          example = "58d0b451-e91a-11f1-9171-02fc00000001")
      String id,
      @Schema(description = "The task's key: the stage, or `handleEscalation` for a missed deadline.",
          example = "investigateComplaint")
      String taskKey,
      @Schema(description = "The task's name.", example = "Investigate complaint")
      String name,
      @Schema(description = "Who has claimed the task.", example = "hank")
      String assignee,
      @Schema(description = "The groups that may claim the task.", example = "[\"handlers\"]")
      List<String> candidateGroups,
      @Schema(description = "When the task was created.", example = "2026-11-25T06:12:40Z")
      Instant created,
      @Schema(description = "When the task is due: the stage deadline, or the escalation's.",
          example = "2026-11-27T10:00:00Z")
      Instant due,
      @Schema(description = "The task is past its due date.", example = "false")
      boolean overdue) {
  }

  /** A message the customer sent after intake. */
  @Schema(name = "ComplaintMessage", description = "A message the customer sent after intake, as recorded.")
  record Message(
      @Schema(description = "The message's id on the case.", example = "7")
      long id,
      @Schema(description = "When it was recorded.", example = "2026-11-26T02:03:11Z")
      Instant at,
      @Schema(description = "The channel it came by.", example = "email",
          allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"})
      String channel,
      @Schema(description = "The user who recorded it.", example = "fiona")
      String recordedBy,
      @Schema(description = "The channel's own id of the message.", example = "mail-20261126-7731")
      String messageId,
      @Schema(description = "What the customer wrote or said.", example = "酒店今天回复说只能退一半（340 元），我不接受。")
      String text) {
  }
}
