package io.fluxgate;

import io.fluxgate.internal.Durations;
import io.fluxgate.listeners.Listener;
import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configuration of a breaker as the engine reads it: the {@link CircuitBreaker.Config}, its listeners and what
 * the call path derives from them, computed once. Every {@link Stay} carries the settings it runs under, so that a
 * reconfiguration and a transition are each one reference write and a call never mixes two configurations.
 */
final class Settings {

    final CircuitBreaker.Config config;
    final List<Listener> listeners;
    final Window window;
    final Tracker tracker;
    final Tripper tripper;
    final Retry retry;
    final Permit permit;
    final boolean tripperUsesDurations;
    final boolean permitUsesTime;
    final long slowThresholdNanos;
    final long maxHalfOpenNanos;
    final int maxHalfOpenCalls;
    /** Whether a call must read the ticker when it ends: for its duration or for its window. */
    final boolean clocked;

    Settings(CircuitBreaker.Config config, List<Listener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.window = config.window();
        this.tracker = config.tracker();
        this.tripper = config.tripper();
        this.retry = config.retry();
        this.permit = config.permit();
        this.tripperUsesDurations = config.tripper().usesDurations();
        this.permitUsesTime = config.permit().usesTime();
        this.slowThresholdNanos = Durations.toNanosSaturated(config.slowThreshold());
        this.maxHalfOpenNanos = Durations.toNanosSaturated(config.maxHalfOpenDuration());
        this.maxHalfOpenCalls = config.maxHalfOpenCalls();
        this.clocked = config.measureDurations() || config.window().usesTime();
    }

    /**
     * The settings that differ, in expression form ({@code tripper FailureRate(0.5) -> FailureRate(0.2)}), or
     * {@code "no setting changed"}; the window is described by the reconfiguration itself.
     */
    static String changes(Settings before, Settings after) {
        CircuitBreaker.Config a = before.config;
        CircuitBreaker.Config b = after.config;
        List<String> changes = new ArrayList<>();
        change(changes, "tracker", a.tracker(), b.tracker());
        change(changes, "tripper", a.tripper(), b.tripper());
        change(changes, "retry", a.retry(), b.retry());
        change(changes, "permit", a.permit(), b.permit());
        change(changes, "slowThreshold", format(a.slowThreshold()), format(b.slowThreshold()));
        change(changes, "maxHalfOpenCalls", a.maxHalfOpenCalls(), b.maxHalfOpenCalls());
        change(changes, "maxHalfOpenDuration", format(a.maxHalfOpenDuration()), format(b.maxHalfOpenDuration()));
        change(changes, "measureDurations", a.measureDurations(), b.measureDurations());
        if (!sameListeners(before.listeners, after.listeners)) {
            changes.add("listeners " + before.listeners.size() + " -> " + after.listeners.size());
        }
        return changes.isEmpty() ? "no setting changed" : String.join("; ", changes);
    }

    private static void change(List<String> changes, String setting, Object before, Object after) {
        if (!Objects.equals(before, after) && !String.valueOf(before).equals(String.valueOf(after))) {
            changes.add(setting + " " + before + " -> " + after);
        }
    }

    private static String format(Duration duration) {
        return duration == null ? "none" : Durations.format(duration);
    }

    private static boolean sameListeners(List<Listener> before, List<Listener> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) != after.get(i)) {
                return false;
            }
        }
        return true;
    }
}
