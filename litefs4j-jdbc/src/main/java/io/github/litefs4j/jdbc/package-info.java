/**
 * JDBC on LiteFS. {@link io.github.litefs4j.jdbc.LiteFsDatabase} runs reads and writes in one
 * transaction each, from any node: on a replica a write is refused with the primary's name or
 * forwarded through HALT, as the application chooses. {@link io.github.litefs4j.jdbc.LiteFsFlyway}
 * migrates a database from whichever node calls it, exactly once per migration.
 */
package io.github.litefs4j.jdbc;
