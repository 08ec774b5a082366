package io.redress.tracking;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code /track} is the status page, {@code static/track/index.html} (its script and style beside it). */
@Configuration(proxyBeanMethods = false)
class TrackingPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/track").setViewName("forward:/track/index.html");
    registry.addViewController("/track/").setViewName("forward:/track/index.html");
  }
}
