package io.github.litefs4j.bench;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * P3's breakdown of litefs4j's path from the bytes to the listener, taken in extra kills of their
 * own (the counted litefs4j kills run untapped). Per kill, {@code System.nanoTime()} at: the kill;
 * the HttpClient's selector thread handing the read to its executor ({@link TappedHttpClient}); the
 * bytes reaching litefs4j's body subscriber ({@code StreamBody.onNext}); the events thread
 * dispatching the decoded {@code primaryChange} (a listener of {@code LiteFsClient.subscribe} that
 * joined the shared stream before the monitor, so it is called first); the monitor's listener.
 */
final class P3Breakdown {
  private static final long WAIT_MS = 20_000;

  /** One kill's stamps, nanoseconds of {@code System.nanoTime()}; handedOff 0 if there was none. */
  record Stamps(
      boolean inline,
      long kill,
      long handedOff,
      long delivered,
      String deliveredOn,
      long events,
      long listener) {}

  private final List<Stamps> kills = new ArrayList<>();
  private volatile long killNanos;

  /** Notes the kill time of the current round (called by the round, next to the wall clock). */
  void killed() {
    killNanos = System.nanoTime();
  }

  private int opened;

  /**
   * A litefs4j monitor on a tapped transport, for one kill: every other one with a pool as the
   * JDK's default executor (the transport as litefs4j runs it), the others with the HttpClient's
   * tasks run inline on its selector thread (that hand-off removed, for the comparison).
   */
  P3PrimaryChange.Watch open(URI replica) {
    TappedHttpClient http = new TappedHttpClient(opened++ % 2 == 1);
    LiteFsClient client = LiteFsClient.builder().baseUri(replica).httpClient(http).build();
    CompletableFuture<Long> eventsAt = new CompletableFuture<>();
    EventWatcher first =
        client.subscribe(
            new EventListener() {
              @Override
              public void onEvent(Event event) {
                if (event instanceof PrimaryChangeEvent change
                    && change.primaryHostname().isEmpty()) {
                  eventsAt.complete(System.nanoTime());
                }
              }
            });
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CompletableFuture<Long> disconnected = new CompletableFuture<>();
    long[] listenerAt = new long[1];
    PrimaryMonitor monitor = client.monitorPrimary();
    monitor.addListener(
        (before, now) -> {
          if (now.role() == PrimaryState.Role.DISCONNECTED) {
            listenerAt[0] = System.nanoTime();
            disconnected.complete(Context.wallNanos());
          } else if (now.role() == PrimaryState.Role.REPLICA) {
            connected.complete(null);
          }
        });
    if (monitor.state().role() == PrimaryState.Role.REPLICA) {
      connected.complete(null);
    }
    return new P3PrimaryChange.Watch() {
      @Override
      public void awaitConnected() throws Exception {
        connected.get(WAIT_MS, TimeUnit.MILLISECONDS);
        http.arm();
      }

      @Override
      public long awaitDisconnected() throws Exception {
        long at = disconnected.get(WAIT_MS, TimeUnit.MILLISECONDS);
        long events = eventsAt.get(WAIT_MS, TimeUnit.MILLISECONDS);
        synchronized (kills) {
          kills.add(
              new Stamps(
                  http.inline(),
                  killNanos,
                  http.handedOff(),
                  http.delivered(),
                  http.deliveredOn(),
                  events,
                  listenerAt[0]));
        }
        return at;
      }

      @Override
      public void close() {
        monitor.close();
        first.close();
        http.close();
      }
    };
  }

  /** Adds the per-hop medians to P3's section, per transport. */
  void report(Context c, String section) {
    List<Stamps> all;
    synchronized (kills) {
      all = List.copyOf(kills);
    }
    report(c, section, all.stream().filter(k -> !k.inline()).toList(), false);
    report(c, section, all.stream().filter(Stamps::inline).toList(), true);
  }

  private static void report(Context c, String section, List<Stamps> s, boolean inline) {
    if (s.isEmpty()) {
      return;
    }
    long withHandOff = s.stream().filter(k -> k.handedOff() != 0).count();
    double[] toHandOff =
        s.stream()
            .filter(k -> k.handedOff() != 0)
            .mapToDouble(k -> k.handedOff() - k.kill())
            .toArray();
    double[] handOffToDelivered =
        s.stream()
            .filter(k -> k.handedOff() != 0)
            .mapToDouble(k -> k.delivered() - k.handedOff())
            .toArray();
    double[] toDelivered = s.stream().mapToDouble(k -> k.delivered() - k.kill()).toArray();
    double[] deliveredToEvents = s.stream().mapToDouble(k -> k.events() - k.delivered()).toArray();
    double[] eventsToListener = s.stream().mapToDouble(k -> k.listener() - k.events()).toArray();
    double[] total = s.stream().mapToDouble(k -> k.listener() - k.kill()).toArray();
    String threads =
        String.join(", ", s.stream().map(Stamps::deliveredOn).distinct().sorted().toList());
    c.report.detail(
        section,
        "Breakdown of litefs4j's path, "
            + (inline
                ? "with the HttpClient's tasks run inline on its selector thread (the executor"
                    + " hand-off removed; tried in litefs4j-core and reverted, see the analysis)"
                : "as litefs4j runs it (the JDK HttpClient's default executor, a pool)")
            + " (medians of "
            + s.size()
            + " extra kills of its own, in the floors' rounds, with a bench-only tap:"
            + " `TappedHttpClient` is a JDK HttpClient handed to litefs4j through"
            + " `LiteFsClientBuilder.httpClient` whose executor notes when the selector thread hands"
            + " a task over and whose body subscriber wrapper notes when the bytes of the"
            + " `primaryChange` reach litefs4j's `StreamBody.onNext`; a `LiteFsClient.subscribe`"
            + " listener that joined the shared stream before the monitor notes when the events"
            + " thread dispatches the decoded event; the monitor's listener ends the path):");
    c.report.detail(
        section,
        "- kill → bytes at litefs4j's body subscriber (LiteFS's detection, the kernel, the"
            + " selector thread"
            + (withHandOff > 0 ? " and its hand-off" : "")
            + "): "
            + Report.ms(Stats.median(toDelivered))
            + (withHandOff > 0
                ? " (of which kill → selector hands off: "
                    + Report.ms(Stats.median(toHandOff))
                    + ", hand-off → executor thread runs it: "
                    + Report.ms(Stats.median(handOffToDelivered))
                    + "; "
                    + withHandOff
                    + " of "
                    + s.size()
                    + " deliveries went through the executor)"
                : " (every delivery ran on the selector thread itself: no executor hand-off)")
            + "; delivered on: "
            + threads);
    c.report.detail(
        section,
        "- body subscriber → events thread dispatches the decoded event (`StreamBody` queue"
            + " wake-up, line framing, decode, `EventHub`): "
            + Report.ms(Stats.median(deliveredToEvents)));
    c.report.detail(
        section,
        "- events thread → monitor's listener (report queue, monitor thread wake-up, state"
            + " change, listener call): "
            + Report.ms(Stats.median(eventsToListener)));
    c.report.detail(
        section,
        "- kill → listener in these kills: median "
            + Report.ms(Stats.median(total))
            + "; per kill (ms, to subscriber / to events thread / to listener): "
            + String.join(
                ", ",
                s.stream()
                    .map(
                        k ->
                            Report.num("%.2f", (k.delivered() - k.kill()) / 1e6)
                                + "/"
                                + Report.num("%.2f", (k.events() - k.kill()) / 1e6)
                                + "/"
                                + Report.num("%.2f", (k.listener() - k.kill()) / 1e6))
                    .toList()));
  }
}
