package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.InfoProbe;
import io.github.litefs4j.testing.internal.InfoProbe.Info;
import io.github.litefs4j.testing.internal.InfoProbe.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the primary of a cluster is, from what each running node's {@code GET /info} says: the
 * current holder, a wait until every running node agrees, and a handoff to a chosen node.
 *
 * <p>Stateless apart from the node list; thread-safe.
 */
final class Leadership {
  private static final long POLL_MILLIS = 25;
  private static final Duration PROMOTE_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final List<LiteFsNode> nodes;

  Leadership(List<LiteFsNode> nodes) {
    this.nodes = nodes;
  }

  /** What each node says now: absent for a node that is not running or does not answer. */
  private Map<LiteFsNode, Optional<Info>> survey() throws InterruptedException {
    Map<LiteFsNode, Optional<Info>> said = new LinkedHashMap<>();
    for (LiteFsNode node : nodes) {
      if (node.isRunning()) {
        said.put(node, InfoProbe.parsedInfo(node.httpUri()));
      }
    }
    return said;
  }

  /**
   * The node every running node agrees on: it says it is primary, and every other running node
   * answers and names it.
   */
  private static Optional<LiteFsNode> agreed(Map<LiteFsNode, Optional<Info>> said) {
    List<LiteFsNode> primaries = primaries(said);
    if (primaries.size() != 1) {
      return Optional.empty();
    }
    LiteFsNode primary = primaries.get(0);
    for (Map.Entry<LiteFsNode, Optional<Info>> e : said.entrySet()) {
      if (e.getKey() != primary
          && !e.getValue().map(i -> i.primaryHostname().equals(primary.name())).orElse(false)) {
        return Optional.empty();
      }
    }
    return Optional.of(primary);
  }

  private static List<LiteFsNode> primaries(Map<LiteFsNode, Optional<Info>> said) {
    List<LiteFsNode> primaries = new ArrayList<>();
    said.forEach((node, info) -> info.filter(Info::isPrimary).ifPresent(i -> primaries.add(node)));
    return primaries;
  }

  /** "node-0: primary; node-1: replica of node-0; node-2: not running". */
  private String describe(Map<LiteFsNode, Optional<Info>> said) {
    List<String> parts = new ArrayList<>();
    for (LiteFsNode node : nodes) {
      Optional<Info> info = said.get(node);
      String what =
          info == null
              ? "not running"
              : info.map(Info::describe).orElse("running but GET /info does not answer 200");
      parts.add(node.name() + ": " + what);
    }
    return String.join("; ", parts);
  }

  /** The running node whose {@code /info} says it holds the lease now. */
  LiteFsNode current() {
    Map<LiteFsNode, Optional<Info>> said = surveyUninterruptedly("the current primary");
    List<LiteFsNode> primaries = primaries(said);
    if (primaries.size() == 1) {
      return primaries.get(0);
    }
    throw new LiteFsClusterException(
        (primaries.isEmpty() ? "no node holds the lease now" : "several nodes say they are primary")
            + " (an election or a handoff may be under way; LiteFsCluster.awaitPrimary waits for"
            + " one): "
            + describe(said));
  }

  /** The running nodes that do not say they are primary. */
  List<LiteFsNode> notPrimary() {
    Map<LiteFsNode, Optional<Info>> said = surveyUninterruptedly("the replicas");
    List<LiteFsNode> out = new ArrayList<>();
    said.forEach(
        (node, info) -> {
          if (!info.map(Info::isPrimary).orElse(false)) {
            out.add(node);
          }
        });
    return out;
  }

  private Map<LiteFsNode, Optional<Info>> surveyUninterruptedly(String what) {
    try {
      return survey();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException("interrupted while asking the nodes for " + what, e);
    }
  }

  /**
   * Waits until every running node agrees on one primary, and it is {@code wanted} if that is not
   * null.
   */
  LiteFsNode await(Duration timeout, LiteFsNode wanted) {
    requirePositive(timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Map<LiteFsNode, Optional<Info>> said = survey();
        Optional<LiteFsNode> primary = agreed(said);
        if (primary.isPresent() && (wanted == null || primary.get() == wanted)) {
          return primary.get();
        }
        if (wanted != null && !wanted.isRunning()) {
          throw new LiteFsClusterException(
              wanted.name()
                  + " stopped while waiting for it to become the primary. "
                  + describe(said)
                  + ". Last lines of its log:\n"
                  + wanted.logTail(20));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new LiteFsClusterException(
              "the running nodes did not agree on "
                  + (wanted == null ? "one primary" : wanted.name() + " as the primary")
                  + " within "
                  + timeout
                  + ". Last answers: "
                  + describe(said));
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException("interrupted while waiting for the nodes to agree", e);
    }
  }

  /**
   * Asks {@code target} to take the lease ({@code POST /promote}: the target asks the current
   * primary to hand it over), retrying while an election leaves no primary to hand over from, and
   * waits until every running node agrees on it.
   */
  LiteFsNode handoff(LiteFsNode target, Duration timeout) {
    requirePositive(timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no request sent";
    try {
      while (true) {
        Map<LiteFsNode, Optional<Info>> said = survey();
        if (agreed(said).filter(p -> p == target).isPresent()) {
          return target;
        }
        if (!target.isRunning()) {
          throw new LiteFsClusterException(
              "cannot hand the lease to " + target.name() + ": it is not running");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new LiteFsClusterException(
              "could not hand the lease to "
                  + target.name()
                  + " within "
                  + timeout
                  + " (last POST /promote: "
                  + last
                  + "). Last answers: "
                  + describe(said));
        }
        if (said.get(target).map(Info::isPrimary).orElse(false)) {
          Thread.sleep(POLL_MILLIS); // it holds the lease; the others are catching up
          continue;
        }
        Duration requestTimeout =
            Duration.ofNanos(Math.min(left, PROMOTE_REQUEST_TIMEOUT.toNanos()));
        Optional<Response> answer =
            InfoProbe.post(target.httpUri().resolve("/promote"), requestTimeout);
        last = answer.map(r -> r.status() + " " + r.body().strip()).orElse("no answer");
        if (answer.map(r -> r.status() == 409).orElse(false)) {
          throw new LiteFsClusterException(
              "cannot hand the lease to " + target.name() + ": POST /promote answered " + last);
        }
        if (answer.map(r -> r.status() == 200).orElse(false)) {
          return await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), target);
        }
        Thread.sleep(POLL_MILLIS); // 500 "no primary is currently available": an election
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException(
          "interrupted while handing the lease to " + target.name(), e);
    }
  }

  private static void requirePositive(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
