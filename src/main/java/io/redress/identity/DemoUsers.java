package io.redress.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo users, password {@code demo}: only under the Spring profile {@code demo}. */
@Component
@Profile("demo")
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoUsers extends AbstractProcessEnginePlugin {

  static final String PASSWORD = "demo";

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("fiona", "Fiona", "Frontline", List.of(Groups.FRONTLINE)),
      new DemoUser("tom", "Tom", "Teamlead", List.of(Groups.TEAM_LEADS, Groups.FRONTLINE)),
      new DemoUser("hank", "Hank", "Handler", List.of(Groups.HANDLERS)),
      new DemoUser("helen", "Helen", "Handler", List.of(Groups.HANDLERS)),
      new DemoUser("sam", "Sam", "Supervisor", List.of(Groups.SUPERVISORS)),
      new DemoUser("maria", "Maria", "Manager", List.of(Groups.MANAGERS)),
      new DemoUser("diego", "Diego", "Director", List.of(Groups.DIRECTORS)),
      new DemoUser("ana", "Ana", "Analyst", List.of(Groups.ANALYSTS)));

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (DemoUser demo : USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identity.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@redress.example");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
      }
      for (String group : demo.groups()) {
        if (identity.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identity.createMembership(demo.id(), group);
        }
      }
    }
    LOG.info("Demo users are in place (profile demo)");
  }
}
