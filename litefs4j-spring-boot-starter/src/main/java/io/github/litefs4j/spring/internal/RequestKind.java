package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.LiteFsRead;
import io.github.litefs4j.spring.LiteFsWrite;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Tells writes from reads: {@link LiteFsWrite} or {@link LiteFsRead} on the handler method, else on
 * its class, else the method rule (GET, HEAD and OPTIONS read; every other method writes; methods
 * are compared exactly, as HTTP methods are case-sensitive). Stateless; thread-safe.
 */
public final class RequestKind {
  private RequestKind() {}

  /**
   * Whether the request is a write.
   *
   * @param request the request
   * @param handler the Spring MVC handler chosen for it (any object; annotations count only on a
   *     {@link HandlerMethod})
   * @return true for a write
   * @throws IllegalStateException if one element carries both annotations
   */
  public static boolean isWrite(HttpServletRequest request, Object handler) {
    if (handler instanceof HandlerMethod method) {
      Optional<Boolean> annotated =
          annotated(method.getMethod()).or(() -> annotated(method.getBeanType()));
      if (annotated.isPresent()) {
        return annotated.get();
      }
    }
    return isWriteMethod(request.getMethod());
  }

  /**
   * The method rule alone.
   *
   * @param method the HTTP method
   * @return false for GET, HEAD and OPTIONS, true otherwise
   */
  public static boolean isWriteMethod(String method) {
    return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
  }

  private static Optional<Boolean> annotated(AnnotatedElement element) {
    boolean write = AnnotatedElementUtils.hasAnnotation(element, LiteFsWrite.class);
    boolean read = AnnotatedElementUtils.hasAnnotation(element, LiteFsRead.class);
    if (write && read) {
      throw new IllegalStateException(
          element + " is annotated both @LiteFsWrite and @LiteFsRead: keep one");
    }
    return write ? Optional.of(true) : read ? Optional.of(false) : Optional.empty();
  }
}
