/**
 * The demo's live dashboard: a three-node LiteFS cluster ({@link
 * io.github.litefs4j.examples.dashboard.DemoCluster}), one watcher per node (role, position, lag,
 * HALT, rows), the page served with server-sent events, the actions behind its buttons, and the
 * scripted tour of {@code scripts/demo --once}. Entry point: {@link
 * io.github.litefs4j.examples.dashboard.DemoApp}.
 */
package io.github.litefs4j.examples.dashboard;
