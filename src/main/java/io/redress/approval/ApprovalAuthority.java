package io.redress.approval;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.identity.Groups;
import io.redress.workflow.CaseDecisions;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The approval authority held on the server, whatever variables a client sends: when the investigation is
 * completed the proposed amount is recorded ({@code approval_basis}); when the resolution is approved or sent back,
 * the authority is decided again by the deployed {@code approval-authority} table from that amount and the case
 * record's "major" (set at classification), and the approver must hold it (their group or a higher one).
 * Forged {@code compensationAmount}, {@code major} or {@code approverGroup} variables change nothing.
 */
@Component
public class ApprovalAuthority {

  static final String DECISION_KEY = CaseDecisions.APPROVAL_AUTHORITY;
  /** The approval authorities, lowest first: a higher one may approve what a lower one may. */
  static final List<String> LEVELS = List.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.DIRECTORS);

  /** What the approval is decided on: the recorded amount and the authority the table chose for it. */
  public record Basis(BigDecimal amount, boolean major, String authority) {
  }

  private final JdbcTemplate jdbc;
  private final CaseRecords records;

  ApprovalAuthority(JdbcTemplate jdbc, CaseRecords records) {
    this.jdbc = jdbc;
    this.records = records;
  }

  /** At the end of the investigation: the amount as the investigator proposed it. */
  public void recordProposal(String number, Object amount, String actor) {
    BigDecimal value = amount instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
    jdbc.update("DELETE FROM approval_basis WHERE complaint_number = ?", number);
    jdbc.update("INSERT INTO approval_basis (complaint_number, amount, proposed_by, proposed_at) VALUES (?, ?, ?, ?)",
        number, value, actor, Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
  }

  /** The amount the investigator proposed, as recorded at the investigation's completion. */
  public java.util.Optional<BigDecimal> recordedProposal(String number) {
    return jdbc.queryForList("SELECT amount FROM approval_basis WHERE complaint_number = ?", BigDecimal.class, number)
        .stream().findFirst();
  }

  /** The amount recorded at the investigation, the case record's "major", and the authority for them. */
  public Basis basis(String number, DelegateExecution execution) {
    List<BigDecimal> recorded = jdbc.queryForList(
        "SELECT amount FROM approval_basis WHERE complaint_number = ?", BigDecimal.class, number);
    BigDecimal amount = !recorded.isEmpty() ? recorded.get(0)
        : execution.getVariable(COMPENSATION_AMOUNT) instanceof Number n ? new BigDecimal(n.toString())
        : BigDecimal.ZERO;
    Boolean major = records.find(number).map(CaseRecord::major).orElse(null);
    if (major == null) {
      major = Boolean.TRUE.equals(execution.getVariable(MAJOR));
    }
    return new Basis(amount, major, decide(execution, amount, major));
  }

  /**
   * Refuses (403) when the authenticated user completing the approval holds no authority at least as high as the
   * basis calls for. Completions without an authenticated user (the engine's own jobs) are not approvals by anyone.
   */
  public void check(DelegateExecution execution, Basis basis) {
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    int held = context.runWithoutAuthorization(() -> {
      int level = -1;
      for (int i = 0; i < LEVELS.size(); i++) {
        if (execution.getProcessEngineServices().getIdentityService().createUserQuery().userId(auth.getUserId())
            .memberOfGroup(LEVELS.get(i)).count() > 0) {
          level = i;
        }
      }
      return level;
    });
    int needed = LEVELS.indexOf(basis.authority());
    if (held < needed || needed < 0) {
      throw new AuthorizationException("The approval of " + basis.amount().toPlainString()
          + (basis.major() ? " on a major complaint" : "") + " needs the authority of " + basis.authority()
          + "; " + auth.getUserId() + " does not hold it. Nothing was changed.");
    }
  }

  /**
   * The table {@code approval-authority} of the case's own deployment decides, and only it: a deployment without
   * the table, or a table giving no authority, is an error (an incident), never a threshold written here.
   */
  static String decide(DelegateExecution execution, BigDecimal amount, boolean major) {
    DmnDecisionResult result = CaseDecisions.evaluate(execution, DECISION_KEY,
        Map.of(MAJOR, major, COMPENSATION_AMOUNT, amount.doubleValue()));
    Object group = result == null || result.getFirstResult() == null ? null
        : result.getFirstResult().getEntry(APPROVER_GROUP);
    if (group == null) {
      throw new ProcessEngineException("The decision " + DECISION_KEY + " of this case's deployment "
          + (result == null ? "is missing" : "gives no approver group for " + amount.toPlainString()
          + (major ? " on a major complaint" : "")));
    }
    return group.toString();
  }
}
