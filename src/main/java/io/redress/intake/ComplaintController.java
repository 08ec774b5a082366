package io.redress.intake;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.casefile.PersonalData;
import io.redress.casefile.Timeline;
import io.redress.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The complaint API of the contract: channels open cases here, and anyone working on complaints reads them. */
@RestController
@Validated
@RequestMapping(path = "/api/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
class ComplaintController {

  private final ComplaintIntake intake;
  private final CaseRecords records;
  private final Timeline timeline;
  private final TaskService taskService;

  ComplaintController(ComplaintIntake intake, CaseRecords records, Timeline timeline, TaskService taskService) {
    this.intake = intake;
    this.records = records;
    this.timeline = timeline;
    this.taskService = taskService;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView> create(@Valid @RequestBody NewCase complaint,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(max = 128, message = "must be at most 128 characters") String idempotencyKey,
      HttpServletRequest request) {
    String user = AuthenticatedUser.of(request).userId();
    ComplaintIntake.Result result;
    try {
      result = intake.takeIn(complaint, user, idempotencyKey);
    } catch (ComplaintIntake.IdempotentRetry raced) {
      result = new ComplaintIntake.Result(intake.earlier(raced.key).orElseThrow(), false);
    }
    ComplaintView view = view(result.record());
    URI location = URI.create("/api/complaints/" + view.id());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location).body(view);
  }

  @GetMapping("/{id}")
  ComplaintView get(@PathVariable("id") String id) {
    return records.find(id).map(this::view).orElseThrow(() -> new ComplaintNotFound(id));
  }

  private ComplaintView view(CaseRecord r) {
    Date now = ClockUtil.getCurrentTime();
    List<ComplaintView.OpenTask> open = taskService.createTaskQuery().processInstanceBusinessKey(r.number())
        .active().orderByTaskCreateTime().asc().list().stream()
        .map(t -> openTask(t, now)).toList();
    return new ComplaintView(r.number(), r.status(), r.stage(), r.severity(), r.category(), r.nature(), r.major(),
        r.handler(), r.channel(),
        new ComplaintView.Customer(r.customerName(), PersonalData.maskPhone(r.customerPhone()),
            PersonalData.maskEmail(r.customerEmail()), r.customerTier()),
        r.orderRef(), r.description(), r.desiredOutcome(), r.amountClaimed(), r.currency(), r.safetyRisk(),
        r.resolvedAtIntake(), r.secondComplaint(), r.satisfaction(), r.receivedAt(), r.receivedBy(), r.closedAt(),
        open, timeline.of(r.number()));
  }

  private ComplaintView.OpenTask openTask(Task t, Date now) {
    List<String> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList();
    Instant due = t.getDueDate() == null ? null : t.getDueDate().toInstant();
    return new ComplaintView.OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), groups,
        t.getCreateTime().toInstant(), due, due != null && t.getDueDate().before(now));
  }

  static class ComplaintNotFound extends RuntimeException {
    ComplaintNotFound(String id) {
      super("No complaint " + id);
    }
  }
}
