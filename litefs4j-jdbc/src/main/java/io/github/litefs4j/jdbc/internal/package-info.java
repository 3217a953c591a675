/** Implementation of litefs4j-jdbc. Not exported: no compatibility promise. */
package io.github.litefs4j.jdbc.internal;
