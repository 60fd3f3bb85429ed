package io.fluxgate.spring.autoconfigure;

import io.fluxgate.listeners.Listener;
import io.fluxgate.slack.SlackListener;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Slack;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The one {@code slack} listener of an application, built on first use from {@code fluxgate.slack.*}. Links to
 * {@code io.fluxgate:fluxgate-slack}: {@link NamedListeners} creates it only when that module is present.
 */
final class NamedSlackListener implements AutoCloseable {

    private final Slack properties;
    private @Nullable SlackListener listener;

    NamedSlackListener(Slack properties) {
        this.properties = properties;
    }

    /**
     * The listener, created by the first call.
     *
     * @param usedBy the property that names it, for error messages
     * @throws MissingListenerPropertyException when the channel or the token is not set
     */
    synchronized Listener get(String usedBy) {
        if (listener == null) {
            String channel = required(properties.channel(), "fluxgate.slack.channel", usedBy);
            String token = required(properties.token(), "fluxgate.slack.token", usedBy);
            SlackListener.Builder builder = SlackListener.builder(channel, token);
            try {
                builder.baseUrl(properties.baseUrl());
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.slack.base-url",
                        properties.baseUrl(), SettingsReader.sentence(ex.getMessage()));
            }
            try {
                builder.requestTimeout(properties.requestTimeout());
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.slack.request-timeout",
                        properties.requestTimeout(), SettingsReader.sentence(ex.getMessage()));
            }
            listener = builder.build();
        }
        return listener;
    }

    private static String required(@Nullable String value, String property, String usedBy) {
        if (value == null || value.isBlank()) {
            throw new MissingListenerPropertyException("slack", usedBy, property);
        }
        return value;
    }

    /** Closes the listener if one was created, waiting briefly for queued posts. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
