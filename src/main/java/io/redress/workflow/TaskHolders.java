package io.redress.workflow;

import io.redress.identity.Groups;
import io.redress.notification.Notifications;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/** Who holds a task, and reminding them: its assignee, or else the members of its candidate groups. */
@Component
public class TaskHolders {

  private final Notifications notifications;

  TaskHolders(Notifications notifications) {
    this.notifications = notifications;
  }

  /** The candidate groups among a task's identity links, sorted ({@link Groups#candidateGroups}). */
  public static List<String> candidateGroups(Collection<? extends IdentityLink> links) {
    return Groups.candidateGroups(links);
  }

  /** The holder as people read it: the assignee, or the candidate groups. */
  public static String holder(String assignee, List<String> groups) {
    return assignee != null ? assignee : String.join(", ", groups);
  }

  /**
   * E-mails the template to the assignee, or else to every member of the candidate groups (key per group); returns
   * whom, as {@link #holder}.
   */
  public String remind(String assignee, List<String> groups, String number, String template, Map<String, String> values,
      String key) {
    if (assignee != null) {
      notifications.toUser(assignee, number, template, values, key);
    } else {
      groups.forEach(g -> notifications.toGroup(g, number, template, values, key + ":" + g));
    }
    return holder(assignee, groups);
  }
}
