/**
 * The LiteFS features that plain SQLite cannot reach: HALT, lag, positions, events, primary
 * monitoring and the node HTTP API. Start with {@link io.github.litefs4j.LiteFS}.
 */
package io.github.litefs4j;
