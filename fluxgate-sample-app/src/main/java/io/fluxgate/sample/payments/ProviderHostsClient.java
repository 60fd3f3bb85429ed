package io.fluxgate.sample.payments;

import io.fluxgate.CallNotPermittedException;
import io.fluxgate.spring.KeyedBreakers;
import io.fluxgate.spring.http.FluxgateClientHttpRequestInterceptor;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Charges payments at one of several provider hosts through a {@link RestClient} whose Fluxgate interceptor guards
 * each request with the breaker of its host in the keyed family {@code provider_hosts}: one failing host opens its
 * own breaker, the others keep serving. No annotation: the interceptor is the breaker, and a rejection is a
 * {@link CallNotPermittedException} from the call.
 *
 * <p>The provider is this application, reached under two host names ({@code sample.provider.hosts}, by default
 * {@code localhost} and {@code 127.0.0.1}) that stand for two hosts; the chaos switch can break one of them
 * ({@code POST /chaos?host=127.0.0.1}). Only those names are called, so the endpoint cannot be pointed elsewhere.
 */
@Service
public class ProviderHostsClient {

    private final RestClient client;

    private final Environment environment;

    private final List<String> hosts;

    ProviderHostsClient(RestClient.Builder builder, KeyedBreakers breakers, Environment environment,
            @Value("${sample.provider.hosts:localhost,127.0.0.1}") List<String> hosts) {
        this.client = builder.clone()
                .requestInterceptor(new FluxgateClientHttpRequestInterceptor(breakers.family("provider_hosts")))
                .build();
        this.environment = environment;
        this.hosts = List.copyOf(hosts);
    }

    /**
     * Charges {@code amount} at one provider host.
     *
     * @param host   one of {@code sample.provider.hosts}
     * @param amount the amount to charge
     * @return the host's receipt, or what happened instead
     * @throws ResponseStatusException {@code 400} for a host not in {@code sample.provider.hosts}
     */
    public PaymentResult charge(String host, BigDecimal amount) {
        if (!this.hosts.contains(host)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "host must be one of " + this.hosts);
        }
        String url = "http://" + host + ":" + this.environment.getRequiredProperty("local.server.port")
                + "/provider/charges";
        try {
            Map<?, ?> receipt = this.client.post().uri(url).body(Map.of("amount", amount)).retrieve().body(Map.class);
            return new PaymentResult("charged", amount, String.valueOf(receipt.get("receipt")), host);
        } catch (CallNotPermittedException rejected) {
            return new PaymentResult("queued", amount, null, rejected.getMessage());
        } catch (HttpClientErrorException declined) {
            return new PaymentResult("declined", amount, null, PaymentResult.describe(declined));
        } catch (RestClientException failed) {
            return new PaymentResult("failed", amount, null, host + ": " + PaymentResult.describe(failed));
        }
    }
}
