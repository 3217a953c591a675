package io.github.litefs4j.spring.it;

import io.github.litefs4j.spring.LiteFsRead;
import io.github.litefs4j.spring.LiteFsWrite;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The integration tests' application: a table of text entries over HTTP, written through the
 * starter's data source, with one annotated GET that writes and one annotated POST that reads.
 */
@SpringBootApplication
public class EntriesApp {
  /** {@code POST /entries/slow} waits for this latch before it writes (a test replaces it). */
  static volatile CountDownLatch slowGate = new CountDownLatch(0);

  /** The entries over HTTP. */
  @RestController
  @RequestMapping("/entries")
  static class EntriesController {
    private final JdbcClient jdbc;

    EntriesController(DataSource dataSource) {
      this.jdbc = JdbcClient.create(dataSource);
    }

    @PostMapping(consumes = "text/plain")
    String add(@RequestBody String text) {
      jdbc.sql("INSERT INTO entries(text) VALUES (?)").param(text).update();
      return jdbc.sql("SELECT max(id) FROM entries WHERE text = ?")
          .param(text)
          .query(Long.class)
          .single()
          .toString();
    }

    @GetMapping("/{id}")
    ResponseEntity<String> get(@PathVariable("id") long id) {
      return jdbc.sql("SELECT text FROM entries WHERE id = ?")
          .param(id)
          .query(String.class)
          .optional()
          .map(ResponseEntity::ok)
          .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/count")
    long count(@RequestParam("text") String text) {
      return countOf(text);
    }

    @PostMapping(path = "/slow", consumes = "text/plain")
    String slow(@RequestBody String text) throws InterruptedException {
      if (!slowGate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      return add(text);
    }

    @LiteFsWrite
    @GetMapping("/touch")
    String touch(@RequestParam("text") String text) {
      return add(text);
    }

    @LiteFsRead
    @PostMapping(path = "/search", consumes = "text/plain")
    long search(@RequestBody String text) {
      return countOf(text);
    }

    private long countOf(String text) {
      return jdbc.sql("SELECT count(*) FROM entries WHERE text = ?")
          .param(text)
          .query(Long.class)
          .single();
    }
  }
}
