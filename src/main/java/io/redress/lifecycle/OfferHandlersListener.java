package io.redress.lifecycle;

import io.redress.identity.Groups;
import io.redress.workflow.ProcessVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Offers the members of {@code handlers} as the choices of the assign form ({@code handlerOptions}). */
@Component
class OfferHandlersListener implements TaskListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IdentityService identityService;

  OfferHandlersListener(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, String>> options = identityService.createUserQuery().memberOfGroup(Groups.HANDLERS)
        .orderByUserId().asc().list().stream()
        .map(u -> Map.of("label", label(u), "value", u.getId()))
        .toList();
    try {
      task.setVariable(ProcessVariables.HANDLER_OPTIONS,
          SpinValues.jsonValue(JSON.writeValueAsString(options)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String label(User u) {
    String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
        + (u.getLastName() == null ? "" : u.getLastName())).strip();
    return name.isEmpty() ? u.getId() : name + " (" + u.getId() + ")";
  }
}
