/**
 * The Fluxgate sample app: start it with {@code ./mvnw -pl fluxgate-sample-app -am spring-boot:run}.
 */
@NullMarked
package io.fluxgate.sample;

import org.jspecify.annotations.NullMarked;
