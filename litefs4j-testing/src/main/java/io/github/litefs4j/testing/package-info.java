/** A real LiteFS cluster for tests: {@link io.github.litefs4j.testing.LiteFsCluster}. */
package io.github.litefs4j.testing;
