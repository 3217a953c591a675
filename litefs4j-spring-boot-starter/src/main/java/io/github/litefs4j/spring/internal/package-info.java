/**
 * The starter's implementation: bean factories, the Spring MVC routing interceptor and its four
 * replica strategies, the read-your-writes gate and cookie, health, info and meters. Not API: names
 * and signatures change without notice. Everything here is configured by {@link
 * io.github.litefs4j.spring.LiteFsProperties}.
 */
package io.github.litefs4j.spring.internal;
