package io.github.litefs4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring MVC handler method (or every handler of a controller class) as a read, whatever
 * its HTTP method: it is served on every node, after the read-your-writes wait. Use it for a {@code
 * POST} that only queries (a search form with a large body). The handler must not write: on a
 * replica a write fails with SQLite's read-only error. An annotation on the method wins over one on
 * the class.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LiteFsRead {}
