package io.fluxgate.trackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TypeOfTests {

    @Test
    void acceptsTheTypeAndItsSubclasses() {
        TypeOf io = new TypeOf(IOException.class);

        assertThat(io.test(new IOException())).isTrue();
        assertThat(io.test(new ConnectException())).isTrue();
        assertThat(io.test(new IllegalStateException())).isFalse();
    }

    @Test
    void acceptsAnyOfSeveralTypes() {
        TypeOf either = new TypeOf(ConnectException.class, TimeoutException.class);

        assertThat(either.test(new TimeoutException())).isTrue();
        assertThat(either.test(new ConnectException())).isTrue();
        assertThat(either.test(new IOException())).isFalse();
    }

    @Test
    void canTrackErrors() {
        assertThat(new TypeOf(StackOverflowError.class).test(new StackOverflowError())).isTrue();
    }

    @Test
    void rejectsNoTypes() {
        assertThatIllegalArgumentException().isThrownBy(TypeOf::new)
                .withMessageContaining("TypeOf types must name at least one exception type, got none");
        assertThatIllegalArgumentException().isThrownBy(() -> new TypeOf(List.of()))
                .withMessageContaining("at least one");
    }

    @Test
    void rejectsNullTypesNamingThePosition() {
        assertThatNullPointerException().isThrownBy(() -> new TypeOf(IOException.class, null))
                .withMessage("types[1]");
        assertThatNullPointerException().isThrownBy(() -> new TypeOf((Class<? extends Throwable>[]) null))
                .withMessage("types");
    }

    @Test
    void copiesTheGivenList() {
        List<Class<? extends Throwable>> types = new ArrayList<>(List.of(IOException.class));
        TypeOf typeOf = new TypeOf(types);
        types.clear();

        assertThat(typeOf.types()).containsExactly(IOException.class);
    }

    @Test
    void equalsByTypeContent() {
        assertThat(new TypeOf(IOException.class, ConnectException.class))
                .isEqualTo(new TypeOf(Arrays.asList(IOException.class, ConnectException.class)))
                .hasSameHashCodeAs(new TypeOf(List.of(IOException.class, ConnectException.class)))
                .isNotEqualTo(new TypeOf(ConnectException.class, IOException.class));
    }

    @Test
    void rendersBinaryClassNames() {
        assertThat(new TypeOf(ConnectException.class)).hasToString("TypeOf(java.net.ConnectException)");
        assertThat(new TypeOf(ConnectException.class, IOException.class))
                .hasToString("TypeOf(java.net.ConnectException, java.io.IOException)");
        assertThat(new TypeOf(Nested.class)).hasToString("TypeOf(io.fluxgate.trackers.TypeOfTests$Nested)");
    }

    static final class Nested extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
