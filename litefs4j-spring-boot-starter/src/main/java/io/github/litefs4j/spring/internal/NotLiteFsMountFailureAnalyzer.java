package io.github.litefs4j.spring.internal;

import io.github.litefs4j.NotLiteFsMountException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a startup that failed because {@code litefs.mount} is not a LiteFS mount into Spring Boot's
 * short "APPLICATION FAILED TO START" report with what to do. Stateless.
 */
public final class NotLiteFsMountFailureAnalyzer
    extends AbstractFailureAnalyzer<NotLiteFsMountException> {

  /** Creates the analyzer (Spring Boot instantiates it from {@code spring.factories}). */
  public NotLiteFsMountFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NotLiteFsMountException cause) {
    return new FailureAnalysis(
        "litefs.mount is "
            + cause.directory()
            + ", which is not a LiteFS mount (it has no .lag file): "
            + cause.getMessage(),
        "Start LiteFS first (litefs mount) and wait for its FUSE mount, or set litefs.mount to"
            + " LiteFS's fuse.dir. To run without LiteFS, remove litefs.mount: the starter is then"
            + " off.",
        cause);
  }
}
