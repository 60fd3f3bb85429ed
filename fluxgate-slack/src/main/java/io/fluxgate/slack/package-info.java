/**
 * {@link io.fluxgate.slack.SlackListener} posts every transition of the breakers it is attached to to a Slack
 * channel, one thread per open episode, from its own executor. It lives in the module
 * {@code io.fluxgate:fluxgate-slack}, which needs nothing beyond the JDK and {@code fluxgate-core}:
 *
 * <pre>{@code
 * SlackListener slack = new SlackListener("#alerts", System.getenv("SLACK_BOT_TOKEN"));
 * CircuitBreaker.builder("payment_api").listener(slack).build();
 * }</pre>
 */
package io.fluxgate.slack;
