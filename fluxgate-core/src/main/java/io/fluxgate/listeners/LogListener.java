package io.fluxgate.listeners;

import io.fluxgate.Reconfiguration;
import io.fluxgate.Signal;
import io.fluxgate.State;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Logs every transition through the {@link System.Logger} named {@code io.fluxgate}, so it ends up wherever the
 * application routes platform logging (java.util.logging by default, SLF4J/Logback or Log4j with their
 * {@code System.LoggerFinder} bridges):
 *
 * <pre>{@code
 * Circuit breaker 'payment_api' transitioned from CLOSED to OPEN: FailureRate(0.5): 0.62 over 100 calls
 * }</pre>
 *
 * <p>The level depends on the state entered: {@link Level#WARNING} for {@link State#OPEN} and
 * {@link State#FORCED_OPEN}, {@link Level#INFO} for every other state. Override it per state with
 * {@link #withLevel(State, Level)}; {@link Level#OFF} silences a state:
 *
 * <pre>{@code
 * Listener listener = new LogListener()
 *         .withLevel(State.HALF_OPEN, Level.DEBUG)
 *         .withLevel(State.FORCED_OPEN, Level.ERROR);
 * }</pre>
 *
 * <p>Immutable and thread-safe. The message is built only when the logger accepts the level.
 */
public final class LogListener implements Listener {

    /** The name of the logger used by {@link #LogListener()}: {@value}. */
    public static final String LOGGER_NAME = "io.fluxgate";

    private static final Logger DEFAULT_LOGGER = System.getLogger(LOGGER_NAME);

    private final Logger logger;
    private final Map<State, Level> levels;

    /** Creates a listener that logs to the {@code io.fluxgate} logger with the default levels. */
    public LogListener() {
        this(DEFAULT_LOGGER);
    }

    /**
     * Creates a listener that logs to the given logger with the default levels, e.g. to capture the output in a
     * test or to use a logger of the application's own.
     *
     * @param logger where to log
     */
    public LogListener(Logger logger) {
        this(Objects.requireNonNull(logger, "logger"), defaultLevels());
    }

    private LogListener(Logger logger, Map<State, Level> levels) {
        this.logger = logger;
        this.levels = Collections.unmodifiableMap(levels);
    }

    /**
     * Returns a copy of this listener that logs transitions into {@code state} at {@code level}.
     *
     * @param state the state entered
     * @param level the level to log at; {@link Level#OFF} to not log these transitions
     * @return a new listener; this one is unchanged
     * @throws IllegalArgumentException when {@code level} is {@link Level#ALL}, which is not a level to log at
     */
    public LogListener withLevel(State state, Level level) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(level, "level");
        if (level == Level.ALL) {
            throw new IllegalArgumentException("LogListener level for " + state
                    + " must be one of TRACE, DEBUG, INFO, WARNING, ERROR or OFF, got ALL");
        }
        Map<State, Level> copy = new EnumMap<>(levels);
        copy.put(state, level);
        return new LogListener(logger, copy);
    }

    /**
     * The level at which transitions into {@code state} are logged.
     *
     * @param state the state entered
     * @return its level; {@link Level#OFF} when such transitions are not logged
     */
    public Level level(State state) {
        return levels.get(Objects.requireNonNull(state, "state"));
    }

    /**
     * Logs the transition at the level of its new state.
     *
     * @param signal what changed
     */
    @Override
    public void onTransition(Signal signal) {
        Level level = levels.get(signal.newState());
        if (level == Level.OFF || !logger.isLoggable(level)) {
            return;
        }
        // log(Level, String) does not treat the reason as a format pattern: braces in it are printed as they are.
        logger.log(level, message(signal));
    }

    /**
     * Logs a change of configuration at INFO (unless INFO is off for the breaker's current state): which settings
     * changed and what became of the window.
     *
     * @param reconfiguration what changed
     */
    @Override
    public void onReconfigured(Reconfiguration reconfiguration) {
        Level level = levels.get(reconfiguration.state()) == Level.OFF ? Level.OFF : Level.INFO;
        if (level == Level.OFF || !logger.isLoggable(level)) {
            return;
        }
        logger.log(level, "Circuit breaker '" + reconfiguration.circuitName() + "' reconfigured in "
                + reconfiguration.state() + ": " + reconfiguration.reason());
    }

    static String message(Signal signal) {
        return "Circuit breaker '" + signal.circuitName() + "' transitioned from " + signal.oldState() + " to "
                + signal.newState() + ": " + signal.reason();
    }

    private static Map<State, Level> defaultLevels() {
        Map<State, Level> levels = new EnumMap<>(State.class);
        for (State state : State.values()) {
            levels.put(state, state.isOpen() ? Level.WARNING : Level.INFO);
        }
        return levels;
    }

    /**
     * Two log listeners are equal when they log to the same logger at the same levels.
     *
     * @param other the object to compare with
     * @return whether {@code other} is an equal {@code LogListener}
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LogListener that && logger.equals(that.logger) && levels.equals(that.levels);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(logger, levels);
    }

    /**
     * The name of this listener, as used in configuration.
     *
     * @return {@code LogListener}
     */
    @Override
    public String toString() {
        return "LogListener";
    }
}
