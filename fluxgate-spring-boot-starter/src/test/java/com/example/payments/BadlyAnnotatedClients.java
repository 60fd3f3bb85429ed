package com.example.payments;

import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Annotation mistakes, as a user would write them, for {@code io.fluxgate.spring.SpringBadInputCatalogueTests}
 * and {@code docs/bad-input.md}. They live in {@code com.example.payments} so that the messages there read as
 * they would in an application.
 */
public final class BadlyAnnotatedClients {

    public static final Class<?> UNKNOWN_FALLBACK = UnknownFallbackClient.class;
    public static final Class<?> NO_EXCEPTION_PARAMETER = NoExceptionParameterClient.class;
    public static final Class<?> WRONG_RETURN_TYPE = WrongReturnTypeClient.class;
    public static final Class<?> ERROR_FALLBACK = ErrorFallbackClient.class;
    public static final Class<?> BLANK_NAME = BlankNameClient.class;
    public static final Class<?> UNREACHABLE = UnreachableClient.class;
    public static final Class<?> FINAL_CLASS = FinalClient.class;
    public static final Class<?> MISSPELLED_NAME = MisspelledNameClient.class;
    public static final Class<?> DASHED_NAME = DashedNameClient.class;
    public static final Class<?> PAYMENTS = PaymentsClient.class;
    public static final Class<?> BAD_KEY = BadKeyClient.class;
    public static final Class<?> KEYED_AND_PLAIN = KeyedAndPlainClient.class;

    private BadlyAnnotatedClients() {
    }
}

/** {@code fallbackMethod} names no method. */
class UnknownFallbackClient {

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** The fallback forgot the exception parameter. */
class NoExceptionParameterClient {

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(BigDecimal amount) {
        return "charged";
    }

    String chargeFallback(BigDecimal amount) {
        return "queued";
    }
}

/** The fallback returns something else than the method. */
class WrongReturnTypeClient {

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(BigDecimal amount) {
        return "charged";
    }

    Integer chargeFallback(BigDecimal amount, IOException failed) {
        return 0;
    }
}

/** The fallback wants an {@code Error}, which fallbacks never get. */
class ErrorFallbackClient {

    @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
    public String charge(BigDecimal amount) {
        return "charged";
    }

    String chargeFallback(BigDecimal amount, OutOfMemoryError error) {
        return "queued";
    }
}

/** A blank breaker name. */
class BlankNameClient {

    @CircuitBreaker(name = " ")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** Annotations a proxy can never apply. */
class UnreachableClient {

    @CircuitBreaker(name = "payment_api")
    private String chargePrivately(BigDecimal amount) {
        return "charged";
    }

    @CircuitBreaker(name = "payment_api")
    public final String chargeFinally(BigDecimal amount) {
        return "charged";
    }

    @CircuitBreaker(name = "payment_api")
    public static String chargeStatically(BigDecimal amount) {
        return "charged";
    }
}

/** A final class: a CGLIB proxy cannot subclass it. */
final class FinalClient {

    @CircuitBreaker(name = "payment_api")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** A typo in the name: {@code payment_api} is the configured one. */
class MisspelledNameClient {

    @CircuitBreaker(name = "paymnet_api")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** A dash for the configured name's underscore. */
class DashedNameClient {

    @CircuitBreaker(name = "payment-api")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** The configured name, spelled right. */
class PaymentsClient {

    @CircuitBreaker(name = "payment_api")
    public String charge(BigDecimal amount) {
        return "charged";
    }
}

/** A key expression that does not parse. */
class BadKeyClient {

    @CircuitBreaker(name = "payment_api", key = "#host +")
    public String charge(String host) {
        return host;
    }
}

/** One name, keyed on one method and plain on another. */
class KeyedAndPlainClient {

    @CircuitBreaker(name = "payment_api", key = "#host")
    public String charge(String host) {
        return host;
    }

    @CircuitBreaker(name = "payment_api")
    public String refund() {
        return "refunded";
    }
}
