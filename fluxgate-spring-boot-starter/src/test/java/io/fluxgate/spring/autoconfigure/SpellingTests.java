package io.fluxgate.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpellingTests {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            payment_api,   payment_api,    0
            payment-api,   payment_api,    0
            PaymentApi,    payment_api,    0
            paymnet_api,   payment_api,    2
            slow-treshold, slow-threshold, 1
            breaker,       breakers,       1
            '',            abc,            3
            kitten,        sitting,        3
            """)
    void measuresTheEditDistanceIgnoringCaseDashesAndUnderscores(String written, String candidate, int distance) {
        assertThat(Spelling.distance(Spelling.normalise(written), Spelling.normalise(candidate))).isEqualTo(distance);
        assertThat(Spelling.distance(Spelling.normalise(candidate), Spelling.normalise(written))).isEqualTo(distance);
    }

    @Test
    void suggestsTheClosestCandidateWithinTwoEditsAndAThirdOfTheLength() {
        List<String> breakers = List.of("payment_api", "refund_api", "inventory");

        assertThat(Spelling.closest("paymnet_api", breakers)).contains("payment_api");
        assertThat(Spelling.closest("Refund-API", breakers)).contains("refund_api");
        assertThat(Spelling.closest("inventroy", breakers)).contains("inventory");
        assertThat(Spelling.closest("shipping_api", breakers)).as("three edits away").isEmpty();
        assertThat(Spelling.closest("payment_api", breakers)).as("itself is no suggestion").isEmpty();
        assertThat(Spelling.closest("b", List.of("a"))).as("one edit is all of a one-letter name").isEmpty();
        assertThat(Spelling.closest("B", List.of("b"))).as("case alone always counts").contains("b");
        assertThat(Spelling.closest("tracker", List.of("window", "tracker", "tripper")))
                .as("an exact match is not a suggestion, and tripper is three edits away").isEmpty();
    }

    @Test
    void prefersTheFirstOfEquallyCloseCandidates() {
        assertThat(Spelling.closest("api3", List.of("api1", "api2"))).contains("api1");
    }
}
