package io.redress.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Modeler element templates of {@code processes/element-templates}, read as the Modeler reads them, and applied
 * to a service task as the Modeler applies them: a {@code property} binding becomes an attribute of the task, a
 * {@code camunda:inputParameter} binding an input parameter with the field's value as its text.
 */
final class ElementTemplates {

  static final Path FOLDER = Path.of("processes", "element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final String DELEGATE_EXPRESSION = "camunda:delegateExpression";
  static final String INPUT_PARAMETER = "camunda:inputParameter";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One template and the file it came from. */
  record Template(Path file, JsonNode json) {

    String id() {
      return json.path("id").asText();
    }

    List<JsonNode> properties() {
      List<JsonNode> all = new ArrayList<>();
      json.path("properties").forEach(all::add);
      return all;
    }

    /** The bean named by the hidden delegate expression: {@code ${notifyCustomerDelegate}} gives the name. */
    String delegateBean() {
      String expression = properties().stream()
          .filter(p -> "property".equals(p.path("binding").path("type").asText())
              && DELEGATE_EXPRESSION.equals(p.path("binding").path("name").asText()))
          .map(p -> p.path("value").asText()).findFirst()
          .orElseThrow(() -> new AssertionError(id() + " binds no " + DELEGATE_EXPRESSION));
      if (!expression.matches("\\$\\{[A-Za-z][A-Za-z0-9]*}")) {
        throw new AssertionError(id() + ": " + DELEGATE_EXPRESSION + " must name a bean: " + expression);
      }
      return expression.substring(2, expression.length() - 1);
    }

    List<String> inputNames() {
      return properties().stream().filter(p -> INPUT_PARAMETER.equals(p.path("binding").path("type").asText()))
          .map(p -> p.path("binding").path("name").asText()).toList();
    }

    JsonNode input(String name) {
      return properties().stream().filter(p -> INPUT_PARAMETER.equals(p.path("binding").path("type").asText())
              && name.equals(p.path("binding").path("name").asText())).findFirst()
          .orElseThrow(() -> new AssertionError(id() + " has no input " + name));
    }

    /**
     * The service task as the Modeler writes it when the template is applied and the analyst fills in {@code values}
     * (input name to text; a field not given keeps the template's default value, or stays empty).
     */
    String serviceTask(String id, String name, Map<String, String> values) {
      StringBuilder attributes = new StringBuilder();
      StringBuilder inputs = new StringBuilder();
      for (JsonNode property : properties()) {
        JsonNode binding = property.path("binding");
        String bindingName = binding.path("name").asText();
        switch (binding.path("type").asText()) {
          case "property" -> attributes.append(' ').append(bindingName).append("=\"")
              .append(xml(property.path("value").asText())).append('"');
          case INPUT_PARAMETER -> {
            String value = values.containsKey(bindingName) ? values.get(bindingName)
                : property.has("value") ? property.path("value").asText() : null;
            inputs.append("          <camunda:inputParameter name=\"").append(xml(bindingName)).append('"')
                .append(value == null ? " />" : ">" + xml(value) + "</camunda:inputParameter>").append('\n');
          }
          default -> throw new AssertionError(id() + ": binding " + binding + " is not applied by this test yet");
        }
      }
      return "    <bpmn:serviceTask id=\"" + id + "\" name=\"" + xml(name) + "\" camunda:modelerTemplate=\""
          + xml(id()) + "\" camunda:modelerTemplateVersion=\"" + json.path("version").asInt() + "\"" + attributes
          + ">\n      <bpmn:extensionElements>\n        <camunda:inputOutput>\n" + inputs
          + "        </camunda:inputOutput>\n      </bpmn:extensionElements>\n"
          + "      <bpmn:incoming>Flow_In</bpmn:incoming>\n      <bpmn:outgoing>Flow_Out</bpmn:outgoing>\n"
          + "    </bpmn:serviceTask>\n";
    }

    /** A small executable process: start, the templated task, end. */
    String process(String processId, String taskName, Map<String, String> values) {
      return process(processId, taskName, values, null);
    }

    /**
     * A small executable process: start, the templated task, then (if {@code timeDate} is given) a timer that waits
     * until {@code timeDate}, e.g. {@code ${replyDeadline}}, end.
     */
    String process(String processId, String taskName, Map<String, String> values, String timeDate) {
      String after = timeDate == null ? "" : """
              <bpmn:intermediateCatchEvent id="Wait">
                <bpmn:incoming>Flow_Out</bpmn:incoming><bpmn:outgoing>Flow_End</bpmn:outgoing>
                <bpmn:timerEventDefinition><bpmn:timeDate>%s</bpmn:timeDate></bpmn:timerEventDefinition>
              </bpmn:intermediateCatchEvent>
              <bpmn:sequenceFlow id="Flow_End" sourceRef="Wait" targetRef="End" />
          """.formatted(xml(timeDate));
      return """
          <?xml version="1.0" encoding="UTF-8"?>
          <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Template"
              targetNamespace="https://redress.example/bpmn/test">
            <bpmn:process id="%s" name="Template test" isExecutable="true" camunda:historyTimeToLive="1">
              <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_In</bpmn:outgoing></bpmn:startEvent>
              <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task_Templated" />
          %s
              <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Templated" targetRef="%s" />
          %s
              <bpmn:endEvent id="End"><bpmn:incoming>%s</bpmn:incoming></bpmn:endEvent>
            </bpmn:process>
          </bpmn:definitions>
          """.formatted(processId, serviceTask("Task_Templated", taskName, values), timeDate == null ? "End" : "Wait",
          after, timeDate == null ? "Flow_Out" : "Flow_End");
    }
  }

  /** Every template of every file (a file holds one template or an array of them). */
  static List<Template> all() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      List<Template> templates = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        if (root.isArray()) {
          root.forEach(t -> templates.add(new Template(file, t)));
        } else {
          templates.add(new Template(file, root));
        }
      }
      return templates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Template byId(String id) {
    return all().stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("No element template " + id + " in " + FOLDER));
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private ElementTemplates() {
  }
}
