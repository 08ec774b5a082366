package io.redress.tracking;

import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The status page's API in the OpenAPI document: its tag, described. */
@Configuration(proxyBeanMethods = false)
class TrackingApiDocumentation {

  @Bean
  OpenApiCustomizer trackingTag() {
    return openApi -> {
      if (openApi.getTags() == null || openApi.getTags().stream().noneMatch(t -> TrackingController.TAG.equals(
          t.getName()))) {
        openApi.addTagsItem(new Tag().name(TrackingController.TAG).description("""
            The customers' status page (`/track`): no login. Look a complaint up by its number and the phone \
            number or e-mail address given with it (or the signed link of our messages), write on it, answer the \
            feedback survey, or complain. Failed look-ups and complaints are limited per address."""));
      }
    };
  }
}
