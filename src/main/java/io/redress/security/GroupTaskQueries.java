package io.redress.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * A task query that asks only for tasks offered to the caller's own groups ("My group's tasks") skips Camunda's
 * per-task grant check, which would find the same tasks again at a price that grows with the group's open tasks.
 *
 * <p>Camunda's default authorization provider writes a grant for every candidate group of every task (and removes it
 * with the candidate group), so a task offered to one of the caller's groups is one that group may read: for such a
 * query the check {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')} removes nothing, yet PostgreSQL has to probe
 * the grants of every candidate task one by one (the join condition is neither hashable nor mergeable) before it can
 * count them or cut the first page: 2.1 s for the count at 100,000 open tasks
 * ({@code docs/bench/2026-12-01-tasklist.md}).
 *
 * <p>The check is skipped only when all of this holds, else the query is checked as Camunda checks it:
 * <ul>
 *   <li>the query is made for a logged-in user and would be checked;</li>
 *   <li>no revoke authorization concerns the caller or their groups (Camunda's {@code
 *       authorizationCheckRevokes="auto"} looks: a revoke on a task could hide a task of the caller's group);</li>
 *   <li>the grants come from Camunda's {@link DefaultAuthorizationProvider} (the one that writes them per
 *       candidate group);</li>
 *   <li>it is one query, no {@code or} query (whose criteria widen instead of narrowing);</li>
 *   <li>it asks for candidate groups, every one of them a group of the caller, and neither for a candidate user, a
 *       group pattern nor an involved user: every other criterion only narrows.</li>
 * </ul>
 * Every other task query (one task by id, a case's tasks, other groups' tasks asked for in a filter's extending
 * query, the other filters) keeps the per-task check, and so do claiming and completing.
 *
 * <p>Before every authorization check Camunda also narrows the caller's groups to those that hold any authorization
 * at all ({@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, once per command): a read of every grant,
 * 10 ms at 100,000 open tasks (a grant per task), twice per Tasklist list or count. The node keeps that set of group
 * ids for {@link GroupsWithAuthorizations#SECONDS} seconds instead ({@link GroupsWithAuthorizations}). A stale set can
 * only leave out a group whose first authorization is newer than the set, so that its members see less for those
 * seconds, never more; on this node such an authorization renews the set when it commits.
 */
@Component
class GroupTaskQueries extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    GroupsWithAuthorizations groups = new GroupsWithAuthorizations();
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager(configuration, groups);
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Whether the per-task grant check of this configured query finds nothing the query's own criteria do not. */
  static boolean ownGroupsOnly(TaskQueryImpl query) {
    AuthorizationCheck check = query.getAuthCheck();
    if (!check.getShouldPerformAuthorizatioCheck() || check.getAuthUserId() == null
        || check.isRevokeAuthorizationCheckEnabled() || query.isOrQueryActive() || query.getQueries().size() != 1
        || query.getCandidateUser() != null || query.getCandidateGroupLike() != null
        || query.getInvolvedUser() != null) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    List<String> callers = check.getAuthGroupIds();
    return groups != null && !groups.isEmpty() && callers != null && callers.containsAll(groups);
  }

  /** The ids of the groups that hold any authorization, as last read, for a few seconds. */
  static final class GroupsWithAuthorizations {

    static final long SECONDS = 5;

    private record Read(Set<String> ids, long at) {
    }

    private volatile Read read;

    Set<String> get(java.util.function.Supplier<Set<String>> query) {
      Read r = read;
      if (r == null || System.nanoTime() - r.at > TimeUnit.SECONDS.toNanos(SECONDS)) {
        r = new Read(Set.copyOf(query.get()), System.nanoTime());
        read = r;
      }
      return r.ids;
    }

    /** Whether the group is among those last read (false when nothing was read yet). */
    boolean known(String groupId) {
      Read r = read;
      return r != null && r.ids.contains(groupId);
    }

    void forget() {
      read = null;
    }
  }

  static final class Manager extends AuthorizationManager {

    private final ProcessEngineConfigurationImpl configuration;
    private final GroupsWithAuthorizations groups;

    Manager(ProcessEngineConfigurationImpl configuration, GroupsWithAuthorizations groups) {
      this.configuration = configuration;
      this.groups = groups;
    }

    @Override
    protected Set<String> getAllGroups() {
      return groups.get(super::getAllGroups);
    }

    @Override
    public void insert(DbEntity entity) {
      super.insert(entity);
      newGroup(entity);
    }

    @Override
    public void update(AuthorizationEntity entity) {
      super.update(entity);
      newGroup(entity);
    }

    /** A group's first authorization: the set is read again once it is committed. */
    private void newGroup(DbEntity entity) {
      if (entity instanceof AuthorizationEntity a && a.getGroupId() != null && !groups.known(a.getGroupId())) {
        groups.forget();
        Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, context -> groups.forget());
      }
    }

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      if (configuration.getResourceAuthorizationProvider() instanceof DefaultAuthorizationProvider
          && ownGroupsOnly(query)) {
        // the query's criteria stay: only the join with the grants goes (and with it the definitions' join)
        query.getAuthCheck().setAuthorizationCheckEnabled(false);
      }
    }
  }
}
