package io.redress.language;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes {@code redress.locale} a bean: a start with an unknown value fails and says which values are accepted. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

  @Bean
  WorkingLanguage workingLanguage(@Value("${" + WorkingLanguage.PROPERTY + ":en}") String value) {
    return WorkingLanguage.of(value);
  }
}
