package io.fluxgate.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.function.Function;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionExceptionTests {

    private static final String TRIPPERS =
            "Closed, HalfOpened, MinRequests, FailureRate, SlowRate, AvgLatency, FailureStreak";

    @Nested
    class Syntax {

        @Test
        void reportsATrailingParenthesis() {
            assertError(Expressions::tripper, "FailureRate(0.5))", 17,
                    "unexpected ')' at column 17; expected '&', '|' or the end");
        }

        @Test
        void reportsAMissingOpeningParenthesis() {
            assertError(Expressions::tripper, "FailureRate", 12, "expected '(' after 'FailureRate' at column 12");
            assertError(Expressions::tripper, "Closed() & FailureRate 0.5", 24,
                    "expected '(' after 'FailureRate' at column 24");
        }

        @Test
        void reportsAnUnclosedArgumentList() {
            assertError(Expressions::tripper, "FailureRate(0.5", 16,
                    "unexpected end of input at column 16; expected ',' or ')'");
        }

        @Test
        void reportsAnUnclosedGroup() {
            assertError(Expressions::tripper, "(Closed()", 10, "unexpected end of input at column 10; expected ')'");
        }

        @Test
        void reportsAMissingOperand() {
            assertError(Expressions::tripper, "Closed() &", 11,
                    "unexpected end of input at column 11; expected a tripper");
            assertError(Expressions::tripper, "Closed() & & HalfOpened()", 12,
                    "unexpected '&' at column 12; expected a tripper");
            assertError(Expressions::tripper, "0.5", 1, "unexpected '0' at column 1; expected a tripper");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  \t "})
        void reportsAnEmptyExpression(String text) {
            assertError(Expressions::tripper, text, 1, "missing tripper at column 1; expected one of " + TRIPPERS);
        }

        @Test
        void reportsAnOperatorInsideAnArgumentList() {
            assertError(Expressions::tripper, "FailureRate(0.5 | 1)", 17,
                    "unexpected '|' at column 17; expected ',' or ')'");
        }

        @Test
        void reportsAnEmptyArgument() {
            assertError(Expressions::tripper, "FailureRate(0.5,)", 17,
                    "unexpected ')' at column 17; expected an argument");
            assertError(Expressions::tripper, "FailureRate(ratio=)", 19,
                    "FailureRate: missing value for 'ratio' at column 19");
        }
    }

    @Nested
    class Families {

        @Test
        void listsTheAllowedNamesOfAnUnknownComponent() {
            assertError(Expressions::tripper, "FailRate(0.5)", 1,
                    "unknown tripper 'FailRate' at column 1; expected one of "
                    + TRIPPERS);
            assertError(Expressions::window, "SlidingWindow(5)", 1,
                    "unknown window 'SlidingWindow' at column 1; expected one of CountWindow, TimeWindow");
            assertError(Expressions::tracker, "TypeOf(java.io.IOException) | Any()", 31,
                    "unknown tracker 'Any' at column 31; expected one of All, TypeOf, Custom");
            assertError(Expressions::retry, "Retry()", 1,
                    "unknown retry 'Retry' at column 1; expected one of Always, Never, Cooldown, Backoff");
            assertError(Expressions::permit, "Linear()", 1,
                    "unknown permit 'Linear' at column 1; expected one of All, Random, RampUp");
        }

        @Test
        void rejectsOperatorsForSingleComponentFamilies() {
            assertError(Expressions::retry, "Cooldown(1s) & Always()", 14,
                    "'&' cannot combine retries at column 14; expected a single retry");
            assertError(Expressions::window, "CountWindow(5) | TimeWindow(5)", 16,
                    "'|' cannot combine windows at column 16; expected a single window");
            assertError(Expressions::permit, "All() & Random(0.5)", 7,
                    "'&' cannot combine permits at column 7; expected a single permit");
        }

        @Test
        void answersTheWordsOrAndNotWithTheOperators() {
            assertError(Expressions::tracker, "TypeOf(java.io.IOException) or TypeOf(java.net.ConnectException)", 29,
                    "unexpected 'or' at column 29; expected '&', '|' or the end; use |, & and ~ for or, and, not");
            assertError(Expressions::tracker, "not TypeOf(java.io.IOException)", 1,
                    "unknown tracker 'not' at column 1; expected one of All, TypeOf, Custom; use |, & and ~ for or,"
                            + " and, not");
            assertError(Expressions::tracker, "All() & NOT(TypeOf(java.io.IOException))", 9,
                    "unknown tracker 'NOT' at column 9; expected one of All, TypeOf, Custom; use |, & and ~ for or,"
                            + " and, not");
            assertError(Expressions::tripper, "MinRequests(20) AND FailureRate(0.5)", 17,
                    "unexpected 'AND' at column 17; expected '&', '|' or the end; use | for or and & for and");
            assertError(Expressions::tripper, "(Closed() and FailureRate(0.5))", 11,
                    "unexpected 'and' at column 11; expected ')'; use | for or and & for and");
            assertError(Expressions::tripper, "not FailureStreak(3)", 1,
                    "unknown tripper 'not' at column 1; expected one of " + TRIPPERS
                            + "; trippers cannot be negated (~ is only for trackers)");
            assertError(Expressions::window, "CountWindow(5) or TimeWindow(5)", 16,
                    "unexpected 'or' at column 16; expected the end; windows are not combined: write a single window");
        }

        @Test
        void keepsOtherWordsAsTheyWere() {
            assertError(Expressions::tripper, "MinRequests(20) andthen FailureRate(0.5)", 17,
                    "unexpected 'a' at column 17; expected '&', '|' or the end");
            assertError(Expressions::tracker, "Nothing()", 1,
                    "unknown tracker 'Nothing' at column 1; expected one of All, TypeOf, Custom");
        }

        @Test
        void allowsNegationOnlyForTrackers() {
            assertError(Expressions::tripper, "Closed() & ~FailureStreak(3)", 12,
                    "'~' (negation) applies only to trackers, not trippers at column 12");
            assertError(Expressions::retry, "~Never()", 1,
                    "'~' (negation) applies only to trackers, not retries at column 1");
        }
    }

    @Nested
    class ArgumentLists {

        @Test
        void reportsAMissingArgumentAtTheComponent() {
            assertError(Expressions::tripper, "FailureRate()", 1, "FailureRate: missing argument 'ratio' at column 1");
            assertError(Expressions::tripper, "MinRequests(20) & FailureRate()", 19,
                    "FailureRate: missing argument 'ratio' at column 19");
            assertError(Expressions::permit, "RampUp(0.1, duration=1m)", 1,
                    "RampUp: missing argument 'final' at column 1");
        }

        @Test
        void keepsTheComponentsOwnMessageAndAddsTheColumn() {
            ExpressionException error = assertError(Expressions::tripper, "FailureRate(1.5)", 1,
                    "FailureRate ratio must be in (0, 1], got 1.5 (at column 1)").actual();
            assertThat(error.getCause()).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("FailureRate ratio must be in (0, 1], got 1.5");
            assertError(Expressions::tripper, "MinRequests(20) & FailureRate(1.5)", 19,
                    "FailureRate ratio must be in (0, 1], got 1.5 (at column 19)");
            assertError(Expressions::window, "CountWindow(0)", 1, "CountWindow size must be >= 1, got 0 (at column 1)");
        }

        @Test
        void reportsTooManyArguments() {
            assertError(Expressions::tripper, "FailureRate(0.5, 0.6)", 18,
                    "FailureRate: too many arguments at column 18; expected at most 1 (ratio)");
            assertError(Expressions::tripper, "Closed(1)", 8, "Closed: too many arguments at column 8; expected none");
        }

        @Test
        void reportsAnArgumentGivenTwice() {
            assertError(Expressions::tripper, "FailureRate(0.5, ratio=0.6)", 18,
                    "FailureRate: argument 'ratio' given twice at column 18");
            assertError(Expressions::retry, "Backoff(1s, maxDuration=1m, max_duration=2m)", 29,
                    "Backoff: argument 'max_duration' given twice at column 29");
        }

        @Test
        void listsTheAllowedNamesOfAnUnknownArgument() {
            assertError(Expressions::tripper, "FailureRate(rate=0.5)", 13,
                    "FailureRate: unknown argument 'rate' at column 13; expected one of ratio");
            assertError(Expressions::permit, "RampUp(initial=0.1, fin=0.5, duration=1s)", 21,
                    "RampUp: unknown argument 'fin' at column 21; expected one of initial, final (or final_ratio),"
                            + " duration");
            assertError(Expressions::retry, "Never(after=1s)", 7,
                    "Never: unknown argument 'after' at column 7; expected none");
        }

        @Test
        void rejectsPositionalArgumentsAfterNamedOnes() {
            assertError(Expressions::retry, "Cooldown(duration=1s, 0.1)", 23,
                    "Cooldown: positional argument after named ones at column 23");
        }
    }

    @Nested
    class ArgumentValues {

        @Test
        void reportsABadDuration() {
            assertError(Expressions::retry, "Cooldown(10 parsecs)", 10,
                    "Cooldown duration must be a duration such as 500ms, 1.5s, 2m, 1h or PT10S (a bare number means"
                            + " seconds), got '10 parsecs' at column 10");
            assertError(Expressions::retry, "Backoff(1s, max_duration=PT5X)", 26,
                    "Backoff max_duration must be a duration such as 500ms, 1.5s, 2m, 1h or PT10S (a bare number"
                            + " means seconds), got 'PT5X' at column 26");
        }

        @Test
        void reportsABadNumber() {
            assertError(Expressions::tripper, "FailureRate(half)", 13,
                    "FailureRate ratio must be a number, got 'half' at column 13");
            assertError(Expressions::tripper, "FailureRate(NaN)", 13,
                    "FailureRate ratio must be a number, got 'NaN' at column 13");
            assertError(Expressions::tripper, "MinRequests(2.5)", 13,
                    "MinRequests count must be a whole number, got '2.5' at column 13");
            assertError(Expressions::tripper, "MinRequests(99999999999)", 13,
                    "MinRequests count must be a whole number, got '99999999999' at column 13");
        }

        @Test
        void reportsAnUnknownClass() {
            assertError(Expressions::tracker, "TypeOf(java.net.Nope)", 8, "unknown class 'java.net.Nope' at column 8");
            assertError(Expressions::tracker, "TypeOf(ConnectException)", 8,
                    "unknown class 'ConnectException' at column 8;"
                    + " expected a fully qualified name such as java.net.ConnectException");
        }

        @Test
        void reportsAClassThatIsNotAThrowable() {
            assertError(Expressions::tracker, "TypeOf(java.io.IOException, java.lang.String)", 29,
                    "'java.lang.String' is not a Throwable at column 29");
        }

        @Test
        void reportsAnUnknownCustomName() {
            assertError(Expressions::tracker, "Custom(nope)", 8,
                    "unknown bean 'nope' at column 8; expected the name of a Tracker or Predicate<Throwable> bean");
        }
    }

    @Test
    void carriesTheWholeTextAndReadsWellAfterAPropertyPath() {
        String text = "FailureStreak(5) | MinRequests(20) & FailRate(0.6)";
        ExpressionException error = assertError(Expressions::tripper, text, 38,
                "unknown tripper 'FailRate' at column 38; expected one of " + TRIPPERS).actual();
        assertThat(error.text()).isEqualTo(text);
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
    }

    private static ThrowableAssertAlternative<ExpressionException> assertError(Function<String, ?> parser, String text,
            int column, String message) {
        return assertThatExceptionOfType(ExpressionException.class)
                .isThrownBy(() -> parser.apply(text))
                .withMessage(message)
                .satisfies(e -> assertThat(e.column()).isEqualTo(column))
                .satisfies(e -> assertThat(e.text()).isEqualTo(text));
    }
}
