package io.github.litefs4j.internal;

import io.github.litefs4j.Position;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one node's event stream told a {@link EventReplicationTracker}: whether it is connected, its
 * current gapless stretch ("segment"), and per database the positions it reported. Decides whether
 * the node has applied a position (see {@link io.github.litefs4j.ReplicationTracker} for the
 * rules). Not thread-safe: guarded by the tracker's lock. Internal: not exported.
 */
final class NodeLedger {
  /** How many reported positions are remembered per database, for the exact-position rule. */
  static final int REMEMBERED = 1024;

  private final URI uri;
  private final Map<String, DbLedger> databases = new HashMap<>();
  private boolean connected;
  private long segment;

  NodeLedger(URI uri) {
    this.uri = uri;
  }

  URI uri() {
    return uri;
  }

  boolean isConnected() {
    return connected;
  }

  /** The current gapless stretch; changes at every gap. */
  long segment() {
    return segment;
  }

  /** A stream opened: a new stretch begins (events in between were not delivered). */
  void connected() {
    connected = true;
    newSegment();
  }

  /** The stream broke. */
  void disconnected() {
    connected = false;
    newSegment();
  }

  /** The node's primary changed: its history may be replaced from here on. */
  void primaryChanged() {
    newSegment();
  }

  /** A {@code tx} event; {@code seq} is the tracker's number of this event. */
  void tx(String database, Position position, long seq) {
    DbLedger db = databases.computeIfAbsent(database, d -> new DbLedger());
    if (db.latest != null && Long.compareUnsigned(position.txid(), db.latest.txid()) < 0) {
      newSegment(); // the TXID went backwards: another history
    }
    db.recent.put(position, Boolean.TRUE);
    db.latest = position;
    db.latestSeq = seq;
    db.segmentTxids.put(position.txid(), position.checksum());
  }

  /**
   * Whether this node has applied {@code target}: it reported exactly that position, or it reported
   * a later TXID after the mark on a stretch that began before the mark and holds no other checksum
   * for the target's TXID.
   *
   * @param markSegment this node's {@link #segment()} at the mark
   * @param markSeq the tracker's event number at the mark
   */
  boolean hasApplied(String database, Position target, long markSegment, long markSeq) {
    DbLedger db = databases.get(database);
    if (db == null) {
      return false;
    }
    if (db.recent.containsKey(target)) {
      return true;
    }
    if (!connected || segment != markSegment || db.latest == null || db.latestSeq <= markSeq) {
      return false;
    }
    if (Long.compareUnsigned(db.latest.txid(), target.txid()) <= 0) {
      return false;
    }
    Long checksum = db.segmentTxids.get(target.txid());
    return checksum == null || checksum == target.checksum();
  }

  /** For messages: what this node last reported of {@code database}. */
  String describe(String database) {
    DbLedger db = databases.get(database);
    String state = connected ? "connected" : "stream down";
    if (db == null || db.latest == null) {
      return state + ", no position of " + database + " since the last gap";
    }
    return state + ", last position " + db.latest;
  }

  private void newSegment() {
    segment++;
    for (DbLedger db : databases.values()) {
      db.latest = null;
      db.segmentTxids.clear();
    }
  }

  /** One database's positions on this node. */
  private static final class DbLedger {
    final Map<Position, Boolean> recent = bounded();
    final Map<Long, Long> segmentTxids = bounded();
    Position latest; // on the current segment, or null
    long latestSeq;

    private static <K, V> Map<K, V> bounded() {
      return new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
          return size() > REMEMBERED;
        }
      };
    }
  }
}
