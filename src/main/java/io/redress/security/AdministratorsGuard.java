package io.redress.security;

import io.redress.identity.Groups;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;

/**
 * {@code camunda-admin} keeps a direct member: its last one is neither removed from it nor deleted, and the group
 * itself stays (409). The first administrator comes from the configuration ({@link AdministratorGuarantee}).
 */
final class AdministratorsGuard {

  private static final Pattern ADMIN_MEMBER = Pattern.compile("^/group/" + Groups.CAMUNDA_ADMIN + "/members/([^/]+)$");
  private static final Pattern USER = Pattern.compile("^/user/([^/]+)$");
  static final String LAST_ADMINISTRATOR = "camunda-admin must keep a direct member: add another administrator first.";

  private final IdentityService identity;

  AdministratorsGuard(IdentityService identity) {
    this.identity = identity;
  }

  /** Whether this engine request would leave camunda-admin without a direct member. */
  boolean removesLast(String method, String rest) {
    if (!"DELETE".equals(method)) {
      return false;
    }
    String user = null;
    Matcher member = ADMIN_MEMBER.matcher(rest);
    Matcher deleteUser = USER.matcher(rest);
    if (member.matches()) {
      user = member.group(1);
    } else if (deleteUser.matches()) {
      user = deleteUser.group(1);
    } else if (!rest.equals("/group/" + Groups.CAMUNDA_ADMIN)) {
      return false;
    }
    long members = identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count();
    boolean isMember = user == null
        || identity.createUserQuery().userId(user).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
    return isMember && (user == null || members <= 1);
  }
}
