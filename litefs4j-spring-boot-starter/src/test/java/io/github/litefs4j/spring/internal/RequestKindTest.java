package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.spring.LiteFsRead;
import io.github.litefs4j.spring.LiteFsWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;

class RequestKindTest {

  @ParameterizedTest
  @CsvSource({
    "GET,false",
    "HEAD,false",
    "OPTIONS,false",
    "POST,true",
    "PUT,true",
    "PATCH,true",
    "DELETE,true",
    "get,true"
  })
  void methodRuleReadsGetHeadOptionsExactly(String method, boolean write) {
    assertThat(RequestKind.isWrite(new MockHttpServletRequest(method, "/x"), new Object()))
        .isEqualTo(write);
  }

  @Test
  void liteFsWriteMakesAGetAWrite() throws Exception {
    assertThat(RequestKind.isWrite(get(), handler(Plain.class, "touch"))).isTrue();
  }

  @Test
  void liteFsReadMakesAPostARead() throws Exception {
    assertThat(RequestKind.isWrite(post(), handler(Plain.class, "search"))).isFalse();
  }

  @Test
  void classAnnotationAppliesWhenTheMethodHasNone() throws Exception {
    assertThat(RequestKind.isWrite(post(), handler(ReadController.class, "query"))).isFalse();
  }

  @Test
  void methodAnnotationWinsOverTheClass() throws Exception {
    assertThat(RequestKind.isWrite(get(), handler(ReadController.class, "bump"))).isTrue();
  }

  @Test
  void bothAnnotationsOnOneMethodAreAConfigurationError() throws Exception {
    assertThatThrownBy(() -> RequestKind.isWrite(get(), handler(Plain.class, "confused")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both @LiteFsWrite and @LiteFsRead");
  }

  @Test
  void unannotatedHandlerMethodFollowsTheMethodRule() throws Exception {
    assertThat(RequestKind.isWrite(post(), handler(Plain.class, "plain"))).isTrue();
    assertThat(RequestKind.isWrite(get(), handler(Plain.class, "plain"))).isFalse();
  }

  private static MockHttpServletRequest get() {
    return new MockHttpServletRequest("GET", "/x");
  }

  private static MockHttpServletRequest post() {
    return new MockHttpServletRequest("POST", "/x");
  }

  private static HandlerMethod handler(Class<?> type, String name) throws Exception {
    return new HandlerMethod(type.getDeclaredConstructor().newInstance(), type.getMethod(name));
  }

  public static class Plain {
    @LiteFsWrite
    public void touch() {}

    @LiteFsRead
    public void search() {}

    @LiteFsWrite
    @LiteFsRead
    public void confused() {}

    public void plain() {}
  }

  @LiteFsRead
  public static class ReadController {
    public void query() {}

    @LiteFsWrite
    public void bump() {}
  }
}
