package io.github.litefs4j.spring.internal;

/**
 * Marks that the startup migration is done: the data source bean waits for this bean, so nothing
 * reads the database before its schema is up to date on this node.
 *
 * @param summary how the schema got up to date, for logs
 */
public record SchemaReady(String summary) {}
