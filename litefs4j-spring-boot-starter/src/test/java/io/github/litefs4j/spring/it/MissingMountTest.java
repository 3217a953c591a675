package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFsMountException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An application whose {@code litefs.mount} is not a LiteFS mount does not start, and says why in
 * Spring Boot's failure report (no LiteFS needed: a plain directory is the bad input). The console
 * is captured by hand: Spring Boot 4's OutputCaptureExtension needs JUnit 6.
 */
class MissingMountTest {

  @Test
  void startupFailsWithAReportNamingTheMount(@TempDir Path plain) {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(EntriesApp.class)
            .web(WebApplicationType.NONE)
            .properties(
                "litefs.mount=" + plain,
                "litefs.database=entries.db",
                "litefs.url=http://127.0.0.1:1",
                "spring.main.banner-mode=off");

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(tee(out, console));
    System.setErr(tee(err, console));
    try {
      assertThatThrownBy(app::run).hasRootCauseInstanceOf(LiteFsMountException.class);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("APPLICATION FAILED TO START")
        .contains("litefs.mount is " + plain + ", which is not a LiteFS mount")
        .contains("Start LiteFS first");
  }

  private static PrintStream tee(PrintStream original, OutputStream copy) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (copy) {
              try {
                copy.write(b);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        },
        true,
        StandardCharsets.UTF_8);
  }
}
