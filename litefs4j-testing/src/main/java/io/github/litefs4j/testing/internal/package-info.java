/**
 * Implementation of the LiteFS cluster fixture: binary lookup, node configuration, processes,
 * mounts, readiness probes and cleanup. Not exported; not an API.
 */
package io.github.litefs4j.testing.internal;
