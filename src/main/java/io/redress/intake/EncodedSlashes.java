package io.redress.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An encoded slash ({@code %2F}) in a path. Tomcat refuses it by default before any filter or controller sees the
 * request, with its own HTML error page. Here Tomcat passes it through, still encoded, so that the complaint API
 * answers as it does for any unknown id: {@code /api/complaints/CMP%2F1} is the complaint number {@code CMP/1}
 * (Spring matches path variables segment by segment and decodes them after), a 404 problem. Everywhere else
 * (the engine REST API, the webapps) an encoded slash stays refused, now by this filter, before anything that
 * matches paths on its own sees it.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesPassThrough() {
    return factory -> factory.addConnectorCustomizers(connector ->
        connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> encodedSlashesOutsideTheApi() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Refusal());
    registration.setName("encoded-slashes-outside-the-api");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /** Refuses {@code %2F} in any path but the complaint API's, as Tomcat did (400), with a JSON body. */
  static final class Refusal extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String uri = request.getRequestURI();
      // the path as Tomcat mapped it (decoded, dot segments resolved), not as sent: "/api/%2E%2E/engine-rest/..."
      // is not the complaint API
      String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      if (!path.startsWith("/api/") && uri.toUpperCase(Locale.ROOT).contains("%2F")) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // the engine REST API's error shape: the path is not the complaint API's
        Map<String, String> error = new LinkedHashMap<>();
        error.put("type", "InvalidRequestException");
        error.put("message", "An encoded slash (%2F) is not allowed in this path.");
        JSON.writeValue(response.getWriter(), error);
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
