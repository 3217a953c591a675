package io.github.litefs4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring MVC handler method (or every handler of a controller class) as a write, whatever
 * its HTTP method: on a replica it is routed as {@code litefs.routing.mode} says, on the primary it
 * sets the {@code __txid} cookie. Use it for a {@code GET} that writes (a counter, a "mark as read"
 * link). An annotation on the method wins over one on the class; {@link LiteFsRead} and this one on
 * the same element is a configuration error reported at the first request.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LiteFsWrite {}
