/** Runnable examples of litefs4j. */
package io.github.litefs4j.examples;
