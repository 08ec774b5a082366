package io.redress.privacy;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseEvidence;
import io.redress.casefile.CaseFeedback;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.Customers;
import io.redress.casefile.PersonalData;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Notifications;
import io.redress.security.AuditLog;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer's personal data on request: from the customer and case tables, the case's evidence (the files
 * and their names), from the outbox (messages
 * not yet sent are cancelled), from the variables of
 * their running processes, and from Camunda's history (variable instances and their change log). Keeps what the
 * KPIs need: channel, severity, category, nature, amounts, dates, stages, status, handler, satisfaction. Records
 * who asked, why and when; never the data itself.
 */
@Service
public class CustomerErasure {

  public static final String ERASED = PersonalData.ERASED;

  /** Process variables that hold the customer's personal data or their own words. */
  static final Set<String> PERSONAL_VARIABLES = Set.of(CUSTOMER_NAME, CUSTOMER_PHONE, CUSTOMER_EMAIL,
      CUSTOMER_PHONE_MASKED, CUSTOMER_EMAIL_MASKED, ORDER_REF, DESCRIPTION, RESOLUTION, CUSTOMER_MESSAGES,
      IDENTITY_RELATIONSHIP, FEEDBACK_COMMENT, WITHDRAWAL_REASON, CASE_EVIDENCE);

  private static final Logger LOG = LoggerFactory.getLogger(CustomerErasure.class);

  private final JdbcTemplate jdbc;
  private final Customers customers;
  private final CaseRecords records;
  private final Timeline timeline;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final AuditLog audit;
  private final CustomerContacts contacts;
  private final CaseFeedback feedback;
  private final Notifications notifications;

  private final Clock clock;
  private final CaseEvidence evidence;
  private final org.camunda.bpm.engine.TaskService taskService;

  CustomerErasure(JdbcTemplate jdbc, Customers customers, CaseRecords records, Timeline timeline,
      RuntimeService runtimeService, HistoryService historyService, ManagementService managementService,
      ProcessEngineConfigurationImpl engineConfiguration, AuditLog audit, CustomerContacts contacts,
      CaseFeedback feedback, Notifications notifications, Clock clock, CaseEvidence evidence,
      org.camunda.bpm.engine.TaskService taskService) {
    this.taskService = taskService;
    this.clock = clock;
    this.evidence = evidence;
    this.audit = audit;
    this.contacts = contacts;
    this.feedback = feedback;
    this.notifications = notifications;
    this.jdbc = jdbc;
    this.customers = customers;
    this.records = records;
    this.timeline = timeline;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.managementService = managementService;
    this.engineConfiguration = engineConfiguration;
  }

  /** What an erasure did: the record of it, without any of the erased data. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ErasureSummary",
      description = "The record of an erasure: who asked, why, when, and what it covered; none of the erased data.")
  public record Result(
      @io.swagger.v3.oas.annotations.media.Schema(description = "The erasure's number.", example = "7")
      long erasureId,
      @io.swagger.v3.oas.annotations.media.Schema(description = "The customer's id.",
          example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a") String customerId,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Who asked for it.", example = "maria")
      String requestedBy,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Why.", example = "Customer asked by e-mail")
      String reason,
      @io.swagger.v3.oas.annotations.media.Schema(description = "When.") Instant erasedAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "The complaints whose personal data was erased.",
          example = "[\"CMP-2026-000042\"]") List<String> complaints,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Historic process variables erased.", example = "9")
      int historicVariablesErased) {
  }

  /** The customer is unknown. */
  public static class UnknownCustomer extends RuntimeException {
    UnknownCustomer(String id) {
      super("No customer " + id);
    }
  }

  @Transactional
  public Result erase(String customerId, String reason, String requestedBy) {
    if (customers.find(customerId).isEmpty()) {
      throw new UnknownCustomer(customerId);
    }
    Instant now = clock.instant();
    List<CaseRecord> cases = records.ofCustomer(customerId);
    customers.erase(customerId, now);
    records.eraseCustomer(customerId);
    contacts.eraseOfCustomer(customerId);
    feedback.eraseCommentsOfCustomer(customerId);
    evidence.eraseOfCustomer(customerId);
    // the outbox: nothing personal leaves after the erasure, and nothing personal stays in what did leave
    notifications.eraseCustomerMessages(cases.stream().map(CaseRecord::number).toList());
    int historic = 0;
    for (CaseRecord c : cases) {
      historic += eraseFromProcesses(c.number());
      timeline.record(c.number(), now, TimelineEvent.ERASED, null, requestedBy,
          TimelineFacts.say(TimelineEvent.ERASED));
    }
    jdbc.update("INSERT INTO erasure (customer_id, requested_by, reason, erased_at, complaints) VALUES (?, ?, ?, ?, ?)",
        customerId, requestedBy, reason, Timestamp.from(now), cases.size());
    Long id = jdbc.queryForObject("SELECT MAX(id) FROM erasure WHERE customer_id = ?", Long.class, customerId);
    audit.erasure(requestedBy, customerId, cases.size());
    LOG.info("Personal data of customer {} erased from {} complaint(s) and {} historic variable(s), requested by {}",
        customerId, cases.size(), historic, requestedBy);
    return new Result(id, customerId, requestedBy, reason, now, cases.stream().map(CaseRecord::number).toList(),
        historic);
  }

  /**
   * Running process: its personal variables are overwritten (the forms then show "[erased]"), then the change log
   * of every personal variable is deleted from history. Ended process: its personal historic variables go.
   */
  private int eraseFromProcesses(String number) {
    int erased = 0;
    for (HistoricProcessInstance pi : historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(number).list()) {
      boolean running = runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0;
      if (running) {
        // the evidence list was a variable of each task (its file names may be personal) until the forms read it
        // from the case record (CaseSheetFormFields): tasks made before that still hold it
        for (var v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(pi.getId())
            .variableName(CASE_EVIDENCE).list()) {
          if (v.getTaskId() != null) {
            taskService.setVariableLocal(v.getTaskId(), CASE_EVIDENCE, ERASED);
          }
        }
        for (String name : PERSONAL_VARIABLES) {
          if (runtimeService.getVariable(pi.getId(), name) != null) {
            runtimeService.setVariable(pi.getId(), name, name.endsWith("Masked") || name.equals(ORDER_REF)
                ? null : ERASED);
          }
        }
      }
      List<HistoricVariableInstance> personal = historyService.createHistoricVariableInstanceQuery()
          .processInstanceId(pi.getId()).variableNameIn(PERSONAL_VARIABLES.toArray(String[]::new)).list();
      for (HistoricVariableInstance v : personal) {
        boolean live = running && runtimeService.createVariableInstanceQuery().variableId(v.getId()).count() > 0;
        if (live) {
          // the live variable keeps its historic row (now "[erased]"); its log of earlier values goes
          engineConfiguration.getCommandExecutorTxRequired().execute((Command<Void>) ctx -> {
            ctx.getHistoricDetailManager().deleteHistoricDetailsByVariableInstanceId(v.getId());
            return null;
          });
        } else {
          historyService.deleteHistoricVariableInstance(v.getId());
        }
        erased++;
      }
    }
    return erased;
  }
}
