package io.fluxgate.spring.autoconfigure;

import io.fluxgate.listeners.Listener;
import io.fluxgate.listeners.LogListener;
import io.fluxgate.slack.SlackListener;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Slack;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The listeners that {@code listeners} properties name: {@code log} and {@code slack}. Each name stands for one
 * shared instance; the Slack listener is created on first use from {@code fluxgate.slack.*} and closed by
 * {@link #close()}.
 */
final class NamedListeners implements AutoCloseable {

    /** The names a {@code listeners} property accepts. */
    static final List<String> NAMES = List.of("log", "slack");

    private final Slack slackProperties;
    private final LogListener log = new LogListener();
    private @Nullable SlackListener slack;

    NamedListeners(Slack slackProperties) {
        this.slackProperties = slackProperties;
    }

    /**
     * The listener of that name.
     *
     * @param path the property that names it, for error messages
     * @param name {@code log} or {@code slack}
     */
    Listener resolve(String path, String name) {
        return switch (name) {
            case "log" -> log;
            case "slack" -> slack(path);
            default -> throw new InvalidConfigurationPropertyValueException(path, name,
                    "Unknown listener '" + name + "'; expected one of " + String.join(", ", NAMES) + ".");
        };
    }

    private synchronized SlackListener slack(String usedBy) {
        if (slack == null) {
            String channel = required(slackProperties.channel(), "fluxgate.slack.channel", usedBy);
            String token = required(slackProperties.token(), "fluxgate.slack.token", usedBy);
            SlackListener.Builder builder = SlackListener.builder(channel, token);
            try {
                builder.baseUrl(slackProperties.baseUrl());
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.slack.base-url",
                        slackProperties.baseUrl(), SettingsReader.sentence(ex.getMessage()));
            }
            try {
                builder.requestTimeout(slackProperties.requestTimeout());
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("fluxgate.slack.request-timeout",
                        slackProperties.requestTimeout(), SettingsReader.sentence(ex.getMessage()));
            }
            slack = builder.build();
        }
        return slack;
    }

    private static String required(@Nullable String value, String property, String usedBy) {
        if (value == null || value.isBlank()) {
            throw new MissingListenerPropertyException("slack", usedBy.replaceFirst("\\[\\d+]$", ""), property);
        }
        return value;
    }

    /** Closes the Slack listener if one was created, waiting briefly for queued posts. */
    @Override
    public synchronized void close() {
        if (slack != null) {
            slack.close();
        }
    }
}
