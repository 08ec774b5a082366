package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.contact.NotifyCustomerDelegate;
import io.redress.lifecycle.RecordTimelineEventDelegate;
import io.redress.sla.WorkingDeadlineDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import io.redress.ProcessSpringTest;
import io.redress.calendar.WorkingCalendar;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The element templates in {@code processes/element-templates} against the delegates they configure: the schema,
 * unique ids, what they apply to, a delegate expression naming a {@link JavaDelegate} bean, only inputs the
 * delegate reads, its dropdown choices and constraints equal to what the delegate allows. Shares the process tests'
 * application.
 */
@ProcessSpringTest
class ElementTemplatesTest {

  /** Template id to the delegate's declared inputs. */
  static final Map<String, List<String>> DELEGATE_INPUTS = Map.of(
      "io.redress.record-timeline-event", RecordTimelineEventDelegate.INPUTS,
      "io.redress.notify-customer", NotifyCustomerDelegate.INPUTS,
      "io.redress.working-deadline", WorkingDeadlineDelegate.INPUTS);

  @Autowired ApplicationContext context;
  @Autowired WorkingCalendar calendar;

  @Test
  void everyTemplateIsACamunda7ServiceTaskTemplateWithAUniqueId() {
    List<ElementTemplates.Template> templates = ElementTemplates.all();
    assertThat(templates).extracting(ElementTemplates.Template::id).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(DELEGATE_INPUTS.keySet());
    for (ElementTemplates.Template t : templates) {
      JsonNode json = t.json();
      assertThat(json.path("$schema").asText()).as(t.id()).isEqualTo(ElementTemplates.SCHEMA);
      assertThat(t.id()).matches("io\\.redress\\.[a-z]+(-[a-z]+)*");
      assertThat(json.path("name").asText()).as(t.id()).isNotBlank();
      assertThat(json.path("description").asText()).as(t.id()).isNotBlank();
      assertThat(json.path("version").isInt()).as(t.id() + " version").isTrue();
      assertThat(json.path("appliesTo")).as(t.id()).hasSize(1);
      assertThat(json.path("appliesTo").get(0).asText()).as(t.id()).isEqualTo("bpmn:ServiceTask");
      for (JsonNode p : t.properties()) {
        String type = p.path("type").asText();
        assertThat(type).as(t.id() + " " + p).isIn("Hidden", "String", "Text", "Dropdown", "Boolean");
        assertThat(p.path("binding").path("type").asText()).as(t.id() + " " + p)
            .isIn("property", ElementTemplates.INPUT_PARAMETER);
        if (!"Hidden".equals(type)) {
          assertThat(p.path("label").asText()).as(t.id() + " " + p).isNotBlank();
        }
        if ("Dropdown".equals(type) && p.has("value")) {
          assertThat(values(p.path("choices"))).as(t.id() + " default").contains(p.path("value").asText());
        }
        JsonNode pattern = p.path("constraints").path("pattern");
        if (!pattern.isMissingNode()) {
          Pattern.compile(pattern.path("value").asText()); // a JavaScript pattern that Java reads the same way
          assertThat(pattern.path("message").asText()).as(t.id() + " pattern message").isNotBlank();
          if (p.has("value")) {
            assertThat(p.path("value").asText()).as(t.id() + " default").matches(pattern.path("value").asText());
          }
        }
      }
    }
  }

  @Test
  void theDelegateExpressionNamesAJavaDelegateBean() {
    for (ElementTemplates.Template t : ElementTemplates.all()) {
      JsonNode hidden = t.properties().stream()
          .filter(p -> ElementTemplates.DELEGATE_EXPRESSION.equals(p.path("binding").path("name").asText()))
          .findFirst().orElseThrow();
      assertThat(hidden.path("type").asText()).as(t.id() + ": analysts never type the expression").isEqualTo("Hidden");
      String bean = t.delegateBean();
      assertThat(context.containsBean(bean)).as(t.id() + ": bean " + bean).isTrue();
      assertThat(context.getBean(bean)).as(t.id() + ": bean " + bean).isInstanceOf(JavaDelegate.class);
    }
  }

  @Test
  void everyInputIsOneTheDelegateReadsAndEveryRequiredOneIsOffered() throws Exception {
    for (ElementTemplates.Template t : ElementTemplates.all()) {
      List<String> declared = DELEGATE_INPUTS.get(t.id());
      Object delegate = context.getBean(t.delegateBean());
      Field inputs = delegate.getClass().getField("INPUTS");
      assertThat(inputs.get(null)).as(t.id() + ": the bean's declared inputs").isEqualTo(declared);
      assertThat(t.inputNames()).as(t.id()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    }
  }

  @Test
  void notifyCustomerOffersExactlyTheMessagesAndChannelsTheDelegateKnows() {
    ElementTemplates.Template t = ElementTemplates.byId("io.redress.notify-customer");
    JsonNode template = t.input(NotifyCustomerDelegate.TEMPLATE);
    assertThat(template.path("type").asText()).isEqualTo("Dropdown");
    assertThat(values(template.path("choices"))).containsExactlyElementsOf(NotifyCustomerDelegate.TEMPLATES);
    List<String> labels = new ArrayList<>();
    template.path("choices").forEach(c -> labels.add(c.path("name").asText()));
    assertThat(labels).containsExactlyElementsOf(
        NotifyCustomerDelegate.TEXTS.values().stream().map(NotifyCustomerDelegate.Message::label).toList());
    JsonNode channel = t.input(NotifyCustomerDelegate.CHANNEL);
    assertThat(channel.path("type").asText()).isEqualTo("Dropdown");
    assertThat(values(channel.path("choices"))).containsExactlyElementsOf(NotifyCustomerDelegate.CHANNELS);
    assertThat(notEmpty(template)).isTrue();
    assertThat(notEmpty(channel)).isTrue();
    JsonNode note = t.input(NotifyCustomerDelegate.NOTE);
    assertThat(notEmpty(note)).isFalse();
    assertThat(note.path("constraints").path("maxLength").asInt()).isEqualTo(NotifyCustomerDelegate.NOTE_MAX);
  }

  @Test
  void recordTimelineEventConstraintsAreTheDelegates() {
    ElementTemplates.Template t = ElementTemplates.byId("io.redress.record-timeline-event");
    JsonNode type = t.input(RecordTimelineEventDelegate.EVENT_TYPE);
    assertThat(notEmpty(type)).isTrue();
    assertThat(pattern(type)).isEqualTo("^" + RecordTimelineEventDelegate.EVENT_TYPE_PATTERN + "$");
    assertThat(type.path("constraints").path("maxLength").asInt()).isEqualTo(RecordTimelineEventDelegate.EVENT_TYPE_MAX);
    JsonNode detail = t.input(RecordTimelineEventDelegate.DETAIL);
    assertThat(detail.path("type").asText()).isEqualTo("Text");
    assertThat(notEmpty(detail)).isTrue();
    assertThat(detail.path("constraints").path("maxLength").asInt()).isEqualTo(RecordTimelineEventDelegate.DETAIL_MAX);
    JsonNode stage = t.input(RecordTimelineEventDelegate.STAGE);
    assertThat(notEmpty(stage)).isFalse();
    assertThat(pattern(stage)).isEqualTo("^(" + RecordTimelineEventDelegate.STAGE_PATTERN + ")?$");
    assertThat(stage.path("constraints").path("maxLength").asInt()).isEqualTo(RecordTimelineEventDelegate.STAGE_MAX);
  }

  @Test
  void workingDeadlineAcceptsWhatTheWorkingCalendarAccepts() {
    ElementTemplates.Template t = ElementTemplates.byId("io.redress.working-deadline");
    JsonNode variable = t.input(WorkingDeadlineDelegate.RESULT_VARIABLE);
    assertThat(notEmpty(variable)).isTrue();
    assertThat(pattern(variable)).isEqualTo("^" + WorkingDeadlineDelegate.RESULT_VARIABLE_PATTERN + "$");
    assertThat(variable.path("constraints").path("maxLength").asInt())
        .isEqualTo(WorkingDeadlineDelegate.RESULT_VARIABLE_MAX);
    JsonNode time = t.input(WorkingDeadlineDelegate.WORKING_TIME);
    assertThat(notEmpty(time)).isTrue();
    Pattern allowed = Pattern.compile(pattern(time));
    Instant monday = Instant.parse("2026-11-23T02:00:00Z");
    for (String sample : List.of("P2D", "PT4H", "P1DT4H", "PT30M", "pt1h", "P0D", "PT0.5S", "P10DT2H30M")) {
      assertThat(allowed.matcher(sample).matches()).as(sample).isTrue();
      calendar.add(monday, sample); // and the calendar takes it
    }
    for (String sample : List.of("P1W", "P1M", "P1Y", "2 days", "P", "PT", "P2DT", "-P2D", "P2H", "")) {
      assertThat(allowed.matcher(sample).matches()).as(sample).isFalse();
    }
    assertThat(allowed.matcher("${slaWorkingTime}").matches()).as("an expression").isTrue();
  }

  private static List<String> values(JsonNode choices) {
    List<String> values = new ArrayList<>();
    choices.forEach(c -> values.add(c.path("value").asText()));
    return values;
  }

  private static boolean notEmpty(JsonNode property) {
    return property.path("constraints").path("notEmpty").asBoolean(false);
  }

  private static String pattern(JsonNode property) {
    return property.path("constraints").path("pattern").path("value").asText();
  }
}
