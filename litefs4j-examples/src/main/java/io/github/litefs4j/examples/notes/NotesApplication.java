package io.github.litefs4j.examples.notes;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notes sample application. Run one per LiteFS node, each with its node's mount, LiteFS URL and
 * its own port, and tell the replicas where the primary's application listens:
 *
 * <pre>
 * java -cp ... io.github.litefs4j.examples.notes.NotesApplication \
 *   --litefs.mount=/tmp/lfs-b/mnt --litefs.url=http://127.0.0.1:20203 --server.port=8081 \
 *   --litefs.routing.forward.urls.node-a=http://127.0.0.1:8080
 * </pre>
 *
 * Its defaults are in {@code notes.properties} (database {@code notes.db}, migrations in {@code
 * db/notes}, routing mode forward, health/info/metrics endpoints exposed).
 */
@SpringBootApplication
public class NotesApplication {

  /** Spring instantiates this class. */
  public NotesApplication() {}

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, for example {@code --litefs.mount=/litefs}
   */
  public static void main(String[] args) {
    start(args);
  }

  /**
   * Starts the application and returns its context (for tests and the demo).
   *
   * @param args Spring Boot arguments
   * @return the running context; close it to stop the application
   */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(NotesApplication.class)
        .properties("spring.config.name=notes")
        .run(args);
  }
}
