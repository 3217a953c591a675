package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardTargetsTest {

  @Test
  void templateNamesThePrimaryByItsHostname() {
    ForwardTargets targets = new ForwardTargets("http://{hostname}:8080", Map.of());
    assertThat(targets.target("node-0", "/notes?x=1"))
        .isEqualTo(URI.create("http://node-0:8080/notes?x=1"));
  }

  @Test
  void explicitUrlWinsOverTheTemplate() {
    ForwardTargets targets =
        new ForwardTargets(
            "http://{hostname}:8080", Map.of("node-0", URI.create("http://127.0.0.1:9000/")));
    assertThat(targets.target("node-0", "/a")).isEqualTo(URI.create("http://127.0.0.1:9000/a"));
    assertThat(targets.target("node-1", "/a")).isEqualTo(URI.create("http://node-1:8080/a"));
  }

  @Test
  void templateWithoutThePlaceholderIsRefused() {
    assertThatThrownBy(() -> new ForwardTargets("http://${hostname}:8080", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("litefs.routing.forward.url-template must contain {hostname}");
  }

  @Test
  void nonHttpTemplateIsRefused() {
    assertThatThrownBy(() -> new ForwardTargets("ftp://{hostname}/", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http or https URL");
  }

  @Test
  void explicitUrlWithAQueryIsRefused() {
    assertThatThrownBy(
            () ->
                new ForwardTargets(
                    "http://{hostname}", Map.of("node-0", URI.create("http://a:1/?q=1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("litefs.routing.forward.urls.node-0");
  }
}
