package io.github.litefs4j.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void historyKeepsOnlyTheLastMinute() {
    Timeline timeline = new Timeline();
    timeline.lagSample(1_000, Map.of("node-1", 5L));
    timeline.lagSample(50_000, Map.of("node-1", 7L));
    timeline.replication(1_000, 3.0, "node-1");
    timeline.replication(70_000, null, "node-2");

    Map<String, Object> history = timeline.history(70_000);

    assertThat((List<?>) history.get("lag")).hasSize(1);
    assertThat((List<?>) history.get("replication")).hasSize(1);
    assertThat(Json.write(history.get("replication")))
        .isEqualTo("[{\"t\":70000,\"ms\":null,\"via\":\"node-2\"}]");
  }

  @Test
  void eventsGetIncreasingIdsAndTheOldestAreDroppedPastTwoHundred() {
    Timeline timeline = new Timeline();
    for (int i = 0; i < 205; i++) {
      timeline.event(i, "node-0", "tx", "tx " + i);
    }

    List<Map<String, Object>> events = timeline.events();

    assertThat(events).hasSize(200);
    assertThat(events.get(0)).containsEntry("id", 6L).containsEntry("text", "tx 5");
    assertThat(events.get(199)).containsEntry("id", 205L);
  }
}
