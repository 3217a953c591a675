package io.github.litefs4j.spring.internal;

import io.github.litefs4j.LiteFsMountException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a startup that failed because {@code litefs.mount} is not a LiteFS mount into Spring Boot's
 * short "APPLICATION FAILED TO START" report with what to do. Stateless.
 */
public final class NotLiteFsMountFailureAnalyzer
    extends AbstractFailureAnalyzer<LiteFsMountException> {

  /** Creates the analyzer (Spring Boot instantiates it from {@code spring.factories}). */
  public NotLiteFsMountFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LiteFsMountException cause) {
    if (cause.reason() != LiteFsMountException.Reason.NOT_A_MOUNT) {
      return null;
    }
    return new FailureAnalysis(
        "litefs.mount is "
            + cause.path()
            + ", which is not a LiteFS mount (it has no .lag file): "
            + cause.getMessage(),
        "Start LiteFS first (litefs mount) and wait for its FUSE mount, or set litefs.mount to"
            + " LiteFS's fuse.dir. To run without LiteFS, remove litefs.mount: the starter is then"
            + " off.",
        cause);
  }
}
