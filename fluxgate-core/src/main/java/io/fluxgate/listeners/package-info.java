/**
 * Listeners receive every state transition of the breakers they are attached to, as a
 * {@link io.fluxgate.Signal}.
 *
 * <p>{@link io.fluxgate.listeners.LogListener} writes one log line per transition through {@link System.Logger};
 * {@link io.fluxgate.listeners.SlackListener} posts to a Slack channel, one thread per open episode, from its own
 * executor. Any lambda is a {@link io.fluxgate.listeners.Listener} too:
 *
 * <pre>{@code
 * CircuitBreaker.builder("payment_api")
 *         .listener(new LogListener())
 *         .listener(signal -> metrics.count(signal.circuitName(), signal.newState()))
 *         .build();
 * }</pre>
 */
package io.fluxgate.listeners;
