package io.fluxgate.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.fluxgate.CapturedLogs;
import io.fluxgate.Signal;
import io.fluxgate.State;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogListenerTests {

    private final CapturingLogger logger = new CapturingLogger();

    private static Signal signal(State from, State to, String reason) {
        return new Signal("payment_api", from, to, Instant.parse("2026-01-02T03:04:05Z"), reason);
    }

    @Test
    void logsTheDocumentedMessage() {
        new LogListener(logger).onTransition(signal(State.CLOSED, State.OPEN, "FailureRate(0.5): 0.62 over 100 calls"));

        assertThat(logger.messages()).containsExactly(
                "Circuit breaker 'payment_api' transitioned from CLOSED to OPEN: "
                        + "FailureRate(0.5): 0.62 over 100 calls");
    }

    @Test
    void printsBracesInTheReasonVerbatim() {
        new LogListener(logger).onTransition(signal(State.CLOSED, State.FORCED_OPEN, "forceOpen() {0} 100%"));

        assertThat(logger.messages()).singleElement().asString().endsWith(": forceOpen() {0} 100%");
    }

    @Nested
    class DefaultLevels {

        @ParameterizedTest
        @EnumSource(value = State.class, names = {"OPEN", "FORCED_OPEN"})
        void warnsWhenEnteringAnOpenState(State to) {
            new LogListener(logger).onTransition(signal(State.CLOSED, to, "r"));

            assertThat(logger.entries()).singleElement().extracting(CapturingLogger.Entry::level)
                    .isEqualTo(Level.WARNING);
        }

        @ParameterizedTest
        @EnumSource(value = State.class, names = {"CLOSED", "HALF_OPEN", "METRICS_ONLY", "DISABLED"})
        void informsWhenEnteringAnyOtherState(State to) {
            new LogListener(logger).onTransition(signal(State.OPEN, to, "r"));

            assertThat(logger.entries()).singleElement().extracting(CapturingLogger.Entry::level).isEqualTo(Level.INFO);
        }

        @Test
        void reportsTheLevelPerState() {
            LogListener listener = new LogListener();

            assertThat(listener.level(State.OPEN)).isEqualTo(Level.WARNING);
            assertThat(listener.level(State.FORCED_OPEN)).isEqualTo(Level.WARNING);
            assertThat(listener.level(State.HALF_OPEN)).isEqualTo(Level.INFO);
            assertThat(listener.level(State.CLOSED)).isEqualTo(Level.INFO);
        }
    }

    @Nested
    class Overrides {

        @Test
        void logsAnOverriddenStateAtItsLevelAndLeavesTheOthers() {
            LogListener listener = new LogListener(logger).withLevel(State.HALF_OPEN, Level.DEBUG);

            listener.onTransition(signal(State.OPEN, State.HALF_OPEN, "Cooldown(PT1M)"));
            listener.onTransition(signal(State.HALF_OPEN, State.OPEN, "FailureRate(0.5): 1.00 over 2 calls"));

            assertThat(logger.entries()).extracting(CapturingLogger.Entry::level)
                    .containsExactly(Level.DEBUG, Level.WARNING);
        }

        @Test
        void returnsANewInstanceAndKeepsTheOriginalUnchanged() {
            LogListener original = new LogListener(logger);

            LogListener changed = original.withLevel(State.OPEN, Level.ERROR);

            assertThat(changed).isNotSameAs(original).isNotEqualTo(original);
            assertThat(original.level(State.OPEN)).isEqualTo(Level.WARNING);
            assertThat(changed.level(State.OPEN)).isEqualTo(Level.ERROR);
        }

        @Test
        void offSilencesAState() {
            LogListener listener = new LogListener(logger).withLevel(State.CLOSED, Level.OFF);

            listener.onTransition(signal(State.HALF_OPEN, State.CLOSED, "HalfOpened()"));
            listener.onTransition(signal(State.CLOSED, State.OPEN, "FailureStreak(5): 5"));

            assertThat(logger.messages()).singleElement().asString().contains("CLOSED to OPEN");
        }

        @Test
        void rejectsAll() {
            assertThatIllegalArgumentException().isThrownBy(() -> new LogListener().withLevel(State.OPEN, Level.ALL))
                    .withMessageContaining("LogListener level for OPEN")
                    .withMessageContaining("got ALL");
        }

        @Test
        void rejectsNulls() {
            assertThatNullPointerException().isThrownBy(() -> new LogListener().withLevel(null, Level.INFO))
                    .withMessage("state");
            assertThatNullPointerException().isThrownBy(() -> new LogListener().withLevel(State.OPEN, null))
                    .withMessage("level");
            assertThatNullPointerException().isThrownBy(() -> new LogListener(null)).withMessage("logger");
        }
    }

    @Test
    void skipsTransitionsTheLoggerDoesNotAccept() {
        logger.threshold(Level.WARNING);
        LogListener listener = new LogListener(logger);

        listener.onTransition(signal(State.OPEN, State.HALF_OPEN, "Cooldown(PT1M)"));
        listener.onTransition(signal(State.HALF_OPEN, State.OPEN, "HalfOpened()"));

        assertThat(logger.entries()).singleElement().extracting(CapturingLogger.Entry::level).isEqualTo(Level.WARNING);
    }

    @Test
    void defaultListenersAreEqualAndPrintTheirName() {
        assertThat(new LogListener()).isEqualTo(new LogListener()).hasSameHashCodeAs(new LogListener())
                .hasToString("LogListener");
        assertThat(new LogListener().withLevel(State.OPEN, Level.ERROR))
                .isEqualTo(new LogListener().withLevel(State.OPEN, Level.ERROR))
                .isNotEqualTo(new LogListener());
        assertThat(new LogListener(logger)).isNotEqualTo(new LogListener());
    }

    @Test
    void defaultListenerLogsToTheFluxgateLogger() {
        List<LogRecord> records = CapturedLogs.during(
                () -> new LogListener().onTransition(signal(State.CLOSED, State.OPEN, "FailureStreak(5): 5")));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage())
                    .isEqualTo("Circuit breaker 'payment_api' transitioned from CLOSED to OPEN: FailureStreak(5): 5");
        });
    }
}
