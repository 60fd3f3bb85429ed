package io.fluxgate.spring.readme;

import io.fluxgate.spring.CircuitBreaker;
import java.io.IOException;
import org.springframework.stereotype.Service;

@Service
public class HostPayments {

    private final PaymentGateway gateway;

    public HostPayments(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @CircuitBreaker(name = "payment_hosts", key = "#host")  // payment_hosts[host-a], payment_hosts[host-b], …
    public String charge(String host, String orderId) throws IOException {
        return gateway.charge(host + "/" + orderId);
    }
}
