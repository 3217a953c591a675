/**
 * Flyway on LiteFS: {@link io.github.litefs4j.flyway.LiteFsFlyway} migrates a database from
 * whichever node calls it, exactly once per migration.
 */
package io.github.litefs4j.flyway;
