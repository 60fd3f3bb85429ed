package io.fluxgate.sample.provider;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The downstream "payment provider", served by this application over real HTTP. Every call first waits the
 * configured latency, then the chaos switch of the host name it was addressed to decides whether it fails and how
 * ({@link ErrorKind}).
 * A non-positive amount is the caller's mistake and always answers {@code 400}.
 */
@RestController
@RequestMapping("/provider")
class ProviderController {

    private final Chaos chaos;

    private final Duration readTimeout;

    ProviderController(Chaos chaos, @Value("${spring.http.clients.read-timeout:1s}") Duration readTimeout) {
        this.chaos = chaos;
        this.readTimeout = readTimeout;
    }

    @PostMapping("/charges")
    @Nullable Receipt charge(@RequestBody Amount request, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        return answer(request, http.getServerName(), response, "ch_");
    }

    @PostMapping("/refunds")
    @Nullable Receipt refund(@RequestBody Amount request, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        return answer(request, http.getServerName(), response, "re_");
    }

    private @Nullable Receipt answer(Amount request, String host, HttpServletResponse response, String prefix)
            throws IOException {
        ChaosSettings settings = this.chaos.settings(host);
        pause(settings.latency());
        if (request.amount() == null || request.amount().signum() <= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "amount must be positive");
        }
        if (Chaos.shouldFail(settings) && fail(settings.errorKind(), response)) {
            return null;
        }
        return new Receipt(prefix + UUID.randomUUID().toString().substring(0, 8), request.amount());
    }

    /** Fails the call; {@code true} when the response has been written already. */
    private boolean fail(ErrorKind kind, HttpServletResponse response) throws IOException {
        switch (kind) {
            case SERVER_ERROR -> throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "chaos: provider unavailable");
            case TIMEOUT -> {
                pause(this.readTimeout.plusMillis(500));
                return false;
            }
            case RESET -> {
                // Promise a body, send part of it, and close the connection: the client hits the end of the
                // stream in the middle of the body.
                response.setStatus(200);
                response.setHeader("Connection", "close");
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setContentLength(1024);
                response.getOutputStream().write("{\"receipt\":".getBytes(StandardCharsets.US_ASCII));
                response.getOutputStream().close();
                return true;
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A charge or refund request.
     *
     * @param amount the amount, positive
     */
    record Amount(BigDecimal amount) {
    }

    /**
     * The provider's answer.
     *
     * @param receipt the receipt id
     * @param amount  the amount charged or refunded
     */
    record Receipt(String receipt, BigDecimal amount) {
    }
}
