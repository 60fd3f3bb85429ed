/**
 * Listeners receive every state transition of the breakers they are attached to, as a
 * {@link io.fluxgate.Signal}.
 *
 * <p>{@link io.fluxgate.listeners.LogListener} writes one log line per transition through {@link System.Logger};
 * {@code SlackListener}, in the module {@code io.fluxgate:fluxgate-slack}, posts to a Slack channel. Any lambda
 * is a {@link io.fluxgate.listeners.Listener} too:
 *
 * <pre>{@code
 * CircuitBreaker.builder("payment_api")
 *         .listener(new LogListener())
 *         .listener(signal -> metrics.count(signal.circuitName(), signal.newState()))
 *         .build();
 * }</pre>
 */
package io.fluxgate.listeners;
