/**
 * Spring Boot auto-configuration of Fluxgate: breakers from {@code fluxgate.*} properties, validated at start-up.
 *
 * <p>Start at {@link io.fluxgate.spring.autoconfigure.FluxgateAutoConfiguration} for the beans and at
 * {@link io.fluxgate.spring.autoconfigure.FluxgateProperties} for the properties.
 */
@NullMarked
package io.fluxgate.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
