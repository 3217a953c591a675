/**
 * The notes sample: a small CRUD application over HTTP on the litefs4j Spring Boot starter. Run it
 * once per LiteFS node; writes that reach a replica are routed to the primary, and reads wait for
 * the client's own writes ({@code __txid} cookie).
 */
package io.github.litefs4j.examples.notes;
