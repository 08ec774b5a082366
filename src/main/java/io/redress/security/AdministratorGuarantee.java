package io.redress.security;

import io.redress.identity.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On every start, {@code camunda-admin} has a direct member, or the application does not start. Without one, the
 * Admin webapp's setup resource would let anybody create an administrator (a flaw fixed only in Camunda's paid
 * releases; {@link EngineRestGuard} also blocks that resource). The first administrator comes from
 * {@code redress.admin.id} (default {@code admin}) and {@code redress.admin.password} (environment
 * {@code REDRESS_ADMIN_PASSWORD}); the demo profile sets Camunda's {@code camunda.bpm.admin-user} instead. There is
 * no default password.
 */
@Component
class AdministratorGuarantee implements InitializingBean {

  static final String MISSING = "No administrator: the group camunda-admin has no member and "
      + "redress.admin.password (environment REDRESS_ADMIN_PASSWORD) is not set. Set it to create the first "
      + "administrator (user id from redress.admin.id, default admin), or run with the profile demo.";

  private static final Logger LOG = LoggerFactory.getLogger(AdministratorGuarantee.class);

  private final ProcessEngine engine;
  private final AuditLog audit;
  private final String adminId;
  private final String adminPassword;

  AdministratorGuarantee(ProcessEngine engine, AuditLog audit, @Value("${redress.admin.id:admin}") String adminId,
      @Value("${redress.admin.password:}") String adminPassword) {
    this.engine = engine;
    this.audit = audit;
    this.adminId = adminId;
    this.adminPassword = adminPassword;
  }

  @Override
  public void afterPropertiesSet() {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
      return;
    }
    if (adminPassword == null || adminPassword.isBlank()) {
      throw new IllegalStateException(MISSING);
    }
    if (identity.createUserQuery().userId(adminId).count() == 0) {
      User user = identity.newUser(adminId);
      user.setFirstName("Administrator");
      user.setLastName("Redress");
      user.setPassword(adminPassword);
      identity.saveUser(user);
    }
    identity.createMembership(adminId, Groups.CAMUNDA_ADMIN);
    audit.adminCreated(adminId);
    LOG.info("Administrator {} is a member of {} (from redress.admin.*)", adminId, Groups.CAMUNDA_ADMIN);
  }
}
