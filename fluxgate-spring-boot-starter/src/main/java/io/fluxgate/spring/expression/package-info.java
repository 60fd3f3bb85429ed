/**
 * The expression language of Fluxgate's YAML values: {@code window}, {@code tracker}, {@code tripper},
 * {@code retry} and {@code permit} name the same components as the Java API, with the same arguments.
 *
 * <pre>{@code
 * Tripper tripper = Expressions.tripper("FailureStreak(5) | MinRequests(20) & FailureRate(0.6)");
 * Retry retry = Expressions.retry("Backoff(initial=10s, max_duration=5m, jitter_ratio=0.1)");
 * }</pre>
 *
 * <p>Start at {@link io.fluxgate.spring.expression.Expressions}; a malformed value raises an
 * {@link io.fluxgate.spring.expression.ExpressionException} that says what was expected and at which column.
 * The parser is plain Java: it needs neither Spring nor a running application.
 */
@NullMarked
package io.fluxgate.spring.expression;

import org.jspecify.annotations.NullMarked;
