/**
 * JDBC on LiteFS. {@link io.github.litefs4j.jdbc.LiteFsDatabase} runs reads and writes in one
 * transaction each, from any node: on a replica a write is refused with the primary's name or
 * forwarded through HALT, as the application chooses. Flyway migrations that run exactly once on a
 * cluster are in the litefs4j-flyway artifact.
 */
package io.github.litefs4j.jdbc;
