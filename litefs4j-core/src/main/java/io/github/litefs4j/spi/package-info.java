/**
 * The contract between litefs4j's API package and its implementation: the API calls {@link
 * io.github.litefs4j.spi.LiteFsRuntime}, the {@code internal} package provides it. Not exported;
 * not for applications.
 */
package io.github.litefs4j.spi;
