package io.redress.identity;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/** The groups people work in; their ids are in the models, the tables and the forms. */
public final class Groups {

  public static final String FRONTLINE = "frontline";
  public static final String TEAM_LEADS = "team-leads";
  public static final String HANDLERS = "handlers";
  public static final String SUPERVISORS = "supervisors";
  public static final String MANAGERS = "managers";
  public static final String DIRECTORS = "directors";
  public static final String ANALYSTS = "analysts";
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  /** The groups that work on complaints: they use Tasklist and the complaint API. */
  public static final List<String> COMPLAINT_WORKERS =
      List.of(FRONTLINE, TEAM_LEADS, HANDLERS, SUPERVISORS, MANAGERS, DIRECTORS);

  /** The groups whose members escalations go to (escalation-level.dmn): team leads, managers, directors. */
  public static final List<String> ESCALATION_LEVELS = List.of(TEAM_LEADS, MANAGERS, DIRECTORS);

  private Groups() {
  }

  /** The candidate groups among a task's identity links, each once, sorted. */
  public static List<String> candidateGroups(Collection<? extends IdentityLink> links) {
    return links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).distinct().sorted().toList();
  }
}
