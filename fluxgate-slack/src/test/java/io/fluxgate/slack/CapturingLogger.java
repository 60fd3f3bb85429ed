package io.fluxgate.slack;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps what it is given, for assertions. Thread-safe. */
final class CapturingLogger implements Logger {

    record Entry(Level level, String message, Throwable thrown) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile Level threshold = Level.ALL;

    CapturingLogger threshold(Level threshold) {
        this.threshold = threshold;
        return this;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<String> messages() {
        return entries.stream().map(Entry::message).toList();
    }

    @Override
    public String getName() {
        return "io.fluxgate";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            entries.add(new Entry(level, msg, thrown));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            entries.add(new Entry(level, message, null));
        }
    }
}
