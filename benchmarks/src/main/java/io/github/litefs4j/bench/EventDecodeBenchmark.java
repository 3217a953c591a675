package io.github.litefs4j.bench;

import io.github.litefs4j.internal.EventDecoder;
import io.github.litefs4j.testsupport.EventLines;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * litefs4j's event decoder alone: the lines of the P1 corpus (init + tx events), decoded from
 * memory into typed events. Score: events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventDecodeBenchmark {
  /** Events in the corpus; must equal the operations per invocation below. */
  @Param("10000")
  public int events;

  private byte[][] lines;

  /** Builds the corpus once per fork. */
  @Setup
  public void setup() {
    if (events != 10_000) {
      throw new IllegalArgumentException("events must be 10000 (OperationsPerInvocation)");
    }
    List<byte[]> all = EventLines.corpus(P1Decode.DATABASE, events).lines();
    lines = all.subList(1, all.size()).toArray(new byte[0][]);
  }

  /**
   * Decodes every tx line once.
   *
   * @param bh sink for the decoded events
   * @throws Exception if a line does not decode (a bug)
   */
  @Benchmark
  @OperationsPerInvocation(10_000)
  public void decodeLines(Blackhole bh) throws Exception {
    for (byte[] line : lines) {
      bh.consume(EventDecoder.decode(line, 0, line.length - 1));
    }
  }
}
