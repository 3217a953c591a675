/** Implementation of litefs4j-flyway. Not exported: no compatibility promise. */
package io.github.litefs4j.flyway.internal;
