package io.fluxgate.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrackerTests {

    private static final Tracker IO = new TypeOf(IOException.class);
    private static final Tracker CONNECT = new TypeOf(ConnectException.class);
    private static final Tracker TIMEOUT = new TypeOf(TimeoutException.class);
    private static final Tracker UNREACHABLE = error -> fail("short-circuit expected");

    @Nested
    class Semantics {

        @Test
        void andAcceptsWhenBothAccept() {
            Tracker ioButNotConnect = IO.and(CONNECT.negate());

            assertThat(ioButNotConnect.test(new IOException())).isTrue();
            assertThat(ioButNotConnect.test(new ConnectException())).isFalse();
        }

        @Test
        void orAcceptsWhenEitherAccepts() {
            Tracker either = CONNECT.or(TIMEOUT);

            assertThat(either.test(new TimeoutException())).isTrue();
            assertThat(either.test(new IOException())).isFalse();
        }

        @Test
        void negateInverts() {
            assertThat(new All().negate().test(new Error())).isTrue();
            assertThat(new All().negate().test(new Exception())).isFalse();
        }

        @Test
        void shortCircuitsLeftToRight() {
            assertThat(CONNECT.and(UNREACHABLE).test(new IOException())).isFalse();
            assertThat(IO.or(UNREACHABLE).test(new IOException())).isTrue();
        }

        @Test
        void rejectsNullOperands() {
            assertThatNullPointerException().isThrownBy(() -> IO.and(null)).withMessage("other");
            assertThatNullPointerException().isThrownBy(() -> IO.or(null)).withMessage("other");
        }

        @Test
        void combinationsAreValues() {
            assertThat(IO.or(CONNECT)).isEqualTo(new TypeOf(IOException.class).or(new TypeOf(ConnectException.class)));
            assertThat(IO.negate()).isEqualTo(IO.negate()).isNotEqualTo(CONNECT.negate());
        }
    }

    @Nested
    class Rendering {

        @Test
        void rendersOperatorsWithSpaces() {
            assertThat(CONNECT.or(TIMEOUT))
                    .hasToString("TypeOf(java.net.ConnectException) | TypeOf(java.util.concurrent.TimeoutException)");
            assertThat(IO.and(CONNECT.negate()))
                    .hasToString("TypeOf(java.io.IOException) & ~TypeOf(java.net.ConnectException)");
        }

        @Test
        void parenthesisesOrInsideAnd() {
            assertThat(IO.or(CONNECT).and(TIMEOUT)).hasToString("(" + IO + " | " + CONNECT + ") & " + TIMEOUT);
            assertThat(TIMEOUT.and(IO.or(CONNECT))).hasToString(TIMEOUT + " & (" + IO + " | " + CONNECT + ")");
        }

        @Test
        void omitsParenthesesThatPrecedenceMakesRedundant() {
            assertThat(IO.or(CONNECT.and(TIMEOUT))).hasToString(IO + " | " + CONNECT + " & " + TIMEOUT);
            assertThat(IO.and(CONNECT).or(TIMEOUT)).hasToString(IO + " & " + CONNECT + " | " + TIMEOUT);
            assertThat(IO.or(CONNECT).or(TIMEOUT)).hasToString(IO + " | " + CONNECT + " | " + TIMEOUT);
            assertThat(IO.and(CONNECT).and(TIMEOUT)).hasToString(IO + " & " + CONNECT + " & " + TIMEOUT);
        }

        @Test
        void keepsRightNestedGroupingSoTheTextParsesToAnEqualValue() {
            assertThat(IO.or(CONNECT.or(TIMEOUT))).hasToString(IO + " | (" + CONNECT + " | " + TIMEOUT + ")");
            assertThat(IO.and(CONNECT.and(TIMEOUT))).hasToString(IO + " & (" + CONNECT + " & " + TIMEOUT + ")");
        }

        @Test
        void negationBindsTightest() {
            assertThat(IO.negate()).hasToString("~" + IO);
            assertThat(IO.or(CONNECT).negate()).hasToString("~(" + IO + " | " + CONNECT + ")");
            assertThat(IO.and(CONNECT).negate()).hasToString("~(" + IO + " & " + CONNECT + ")");
            assertThat(IO.negate().negate()).hasToString("~~" + IO);
        }
    }
}
