/**
 * The component expression language: {@code window}, {@code tracker}, {@code tripper}, {@code retry} and
 * {@code permit} texts that name the same components as the Java API, with the same arguments, and that every
 * component's {@code toString()} writes. The Spring Boot starter reads its YAML values with it; any other
 * configuration source can too.
 *
 * <pre>{@code
 * Tripper tripper = Expressions.tripper("FailureStreak(5) | MinRequests(20) & FailureRate(0.6)");
 * Retry retry = Expressions.retry("Backoff(initial=10s, max_duration=5m, jitter_ratio=0.1)");
 * }</pre>
 *
 * <p>Start at {@link io.fluxgate.expression.Expressions}; a malformed value raises an
 * {@link io.fluxgate.expression.ExpressionException} that says what was expected and at which column.
 * {@link io.fluxgate.expression.TrackerContext} says where {@code TypeOf} loads classes from and what a
 * {@code Custom(name)} is.
 */
package io.fluxgate.expression;
