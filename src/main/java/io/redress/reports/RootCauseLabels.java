package io.redress.reports;

import io.redress.language.WorkingLanguage;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The names of the root-cause categories in the working language, as the table {@code root-cause-category} gives them
 * (its outputs {@code value}, {@code label} and {@code labelZh}; analysts maintain it in Modeler): the newest version
 * first, older versions for categories it no longer offers, the value itself for a category no version names.
 * Read again when a new version is deployed.
 */
@Component
class RootCauseLabels {

  static final String TABLE = "root-cause-category";

  private final ProcessEngineConfigurationImpl engine;
  private final WorkingLanguage language;
  private volatile Labels cached = new Labels(List.of(), Map.of());

  private record Labels(List<String> versions, Map<String, String> byValue) {
  }

  RootCauseLabels(ProcessEngineConfigurationImpl engine, WorkingLanguage language) {
    this.engine = engine;
    this.language = language;
  }

  /** The category's name in the working language; the value itself when no table names it. */
  String label(String value) {
    return value == null ? null : labels().getOrDefault(value, value);
  }

  Map<String, String> labels() {
    return engine.getCommandExecutorTxRequired().execute((CommandContext c) -> c.runWithoutAuthorization(() -> {
      RepositoryService repository = engine.getRepositoryService();
      List<DecisionDefinition> versions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(TABLE)
          .orderByDecisionDefinitionVersion().desc().list();
      List<String> ids = versions.stream().map(DecisionDefinition::getId).toList();
      Labels now = cached;
      if (!now.versions().equals(ids)) {
        Map<String, String> byValue = new HashMap<>();
        for (DecisionDefinition d : versions) {
          read(repository.getDmnModelInstance(d.getId()), d.getKey(), byValue);
        }
        now = new Labels(ids, Map.copyOf(byValue));
        cached = now;
      }
      return now.byValue();
    }));
  }

  private void read(DmnModelInstance model, String key, Map<String, String> byValue) {
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      if (!key.equals(((org.camunda.bpm.model.dmn.instance.Decision) table.getParentElement()).getId())) {
        continue;
      }
      List<Output> outputs = List.copyOf(table.getOutputs());
      int value = index(outputs, "value");
      int label = index(outputs, language.labelOutput());
      int fallback = index(outputs, WorkingLanguage.LABEL_OUTPUT);
      if (value < 0) {
        continue;
      }
      for (Rule rule : table.getRules()) {
        List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
        String v = literal(entries, value);
        String l = literal(entries, label);
        if (l == null) {
          l = literal(entries, fallback);
        }
        if (v != null && l != null) {
          byValue.putIfAbsent(v, l);
        }
      }
    }
  }

  private static int index(Collection<Output> outputs, String name) {
    int i = 0;
    for (Output o : outputs) {
      if (name.equals(o.getName())) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The text of a string literal output entry ({@code "..."}); null for anything else (an expression is not run). */
  static String literal(List<OutputEntry> entries, int i) {
    if (i < 0 || i >= entries.size() || entries.get(i).getText() == null) {
      return null;
    }
    String t = entries.get(i).getText().getTextContent();
    if (t == null) {
      return null;
    }
    t = t.strip();
    if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
      return null;
    }
    String inner = t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\").strip();
    return inner.isEmpty() ? null : inner;
  }
}
