package io.fluxgate.spring.autoconfigure;

import io.fluxgate.listeners.Listener;
import io.fluxgate.listeners.LogListener;
import io.fluxgate.spring.autoconfigure.FluxgateProperties.Slack;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The listeners that {@code listeners} properties name: {@code log} and {@code slack}. Each name stands for one
 * shared instance; the Slack listener is created on first use from {@code fluxgate.slack.*} and closed by
 * {@link #close()}. {@code slack} needs {@code io.fluxgate:fluxgate-slack} on the class path; without it, naming
 * it fails with a {@link MissingListenerModuleException}, and nothing else needs the module.
 */
final class NamedListeners implements AutoCloseable {

    /** The names a {@code listeners} property accepts. */
    static final List<String> NAMES = List.of("log", "slack");

    static final String SLACK_LISTENER_CLASS = "io.fluxgate.slack.SlackListener";

    static final String SLACK_MODULE = "io.fluxgate:fluxgate-slack";

    private final LogListener log = new LogListener();
    // Null without fluxgate-slack: NamedSlackListener links to SlackListener, so it is created only when present.
    private final @Nullable NamedSlackListener slack;

    /**
     * Looks for {@code fluxgate-slack} once; the listeners themselves are created when first named.
     *
     * @param slackProperties the {@code fluxgate.slack.*} settings
     * @param classLoader     the application's class loader, where {@code fluxgate-slack} is looked for
     */
    NamedListeners(Slack slackProperties, @Nullable ClassLoader classLoader) {
        this.slack = ClassUtils.isPresent(SLACK_LISTENER_CLASS, classLoader)
                ? new NamedSlackListener(slackProperties) : null;
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
            case "slack" -> slack(path.replaceFirst("\\[\\d+]$", ""));
            default -> throw new InvalidConfigurationPropertyValueException(path, name,
                    "Unknown listener '" + name + "'; expected one of " + String.join(", ", NAMES) + ".");
        };
    }

    private Listener slack(String usedBy) {
        if (slack == null) {
            throw new MissingListenerModuleException("slack", usedBy, SLACK_MODULE);
        }
        return slack.get(usedBy);
    }

    /** Closes the Slack listener if one was created, waiting briefly for queued posts. */
    @Override
    public void close() {
        if (slack != null) {
            slack.close();
        }
    }
}
