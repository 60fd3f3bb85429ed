package io.fluxgate.sample.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the payment provider fails a call that the chaos switch picks to fail.
 */
public enum ErrorKind {

    /** Answers {@code 503 Service Unavailable}; the client sees an {@code HttpServerErrorException}. */
    SERVER_ERROR("5xx"),

    /**
     * Cuts the connection in the middle of the response, as a crashing provider or a reset connection does: the
     * client reads the status line, then hits the end of the stream ({@code EOFException}, wrapped in a
     * {@code RestClientException}).
     */
    RESET("reset"),

    /**
     * Answers only after the client's read timeout ({@code spring.http.clients.read-timeout}) has passed; the
     * client sees an {@code HttpTimeoutException} wrapped in a {@code ResourceAccessException}.
     */
    TIMEOUT("timeout");

    private final String value;

    ErrorKind(String value) {
        this.value = value;
    }

    /**
     * The name used in JSON: {@code 5xx}, {@code reset} or {@code timeout}.
     *
     * @return the JSON name
     */
    @JsonValue
    public String value() {
        return this.value;
    }

    /**
     * Reads a JSON name, ignoring case; the enum constant names are accepted too.
     *
     * @param text {@code 5xx}, {@code reset} or {@code timeout}
     * @return the error kind
     * @throws IllegalArgumentException for anything else, listing the allowed values
     */
    @JsonCreator
    public static ErrorKind of(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter((kind) -> kind.value.equals(wanted) || kind.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown error kind '" + text + "'; allowed: "
                        + Arrays.stream(values()).map(ErrorKind::value).collect(Collectors.joining(", "))));
    }
}
