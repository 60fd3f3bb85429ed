package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.CircuitBreakerRegistry;
import io.fluxgate.State;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The {@code scope} of the endpoint's HTTP requests: local by default, {@code fleet} through a {@link FleetScope}. */
class FleetScopeRequestTests {

    private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry();
    private final CircuitBreaker payments = registry.register(CircuitBreaker.ofDefaults("payment_api"));
    private final FluxgateEndpoint endpoint = new FluxgateEndpoint(registry, new TransitionHistory());

    @Nested
    class WithoutFleetMode {

        private final FluxgateEndpointWebExtension web = new FluxgateEndpointWebExtension(endpoint);

        @Test
        void noScopeAnswersAsTheEndpoint() {
            WebEndpointResponse<OperationResponseBody> answer = web.breaker("payment_api", null);

            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getBody()).isEqualTo(endpoint.breaker("payment_api"));
            assertThat(web.breaker("nope", "local").getStatus()).isEqualTo(404);
        }

        @Test
        void fleetScopeIsABadRequestNamingTheModule() {
            WebEndpointResponse<OperationResponseBody> read = web.breaker("payment_api", "fleet");
            WebEndpointResponse<OperationResponseBody> write = web.changeState("payment_api", "FORCED_OPEN", "fleet");

            assertThat(read.getStatus()).isEqualTo(400);
            assertThat(((FluxgateEndpointWebExtension.BadRequest) read.getBody()).message())
                    .contains("fleet mode is not enabled").contains("io.fluxgate:fluxgate-redis");
            assertThat(write.getStatus()).isEqualTo(400);
            assertThat(payments.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void unknownScopeIsABadRequest() {
            WebEndpointResponse<OperationResponseBody> answer = web.changeState("payment_api", "CLOSED", "galaxy");

            assertThat(answer.getStatus()).isEqualTo(400);
            assertThat(((FluxgateEndpointWebExtension.BadRequest) answer.getBody()).message())
                    .isEqualTo("Unknown scope 'galaxy'; expected local or fleet");
        }
    }

    @Nested
    class WithFleetMode {

        private final List<String> sent = new ArrayList<>();
        private boolean reachable = true;
        private final FleetScope fleet = new FleetScope() {
            @Override
            public @Nullable OperationResponseBody describe(String name) {
                return reachable ? new FluxgateEndpointWebExtension.BadRequest(0, "view of " + name) : unreachable();
            }

            @Override
            public @Nullable OperationResponseBody change(String name, State state) {
                sent.add(name + "=" + state);
                return reachable ? new FluxgateEndpointWebExtension.BadRequest(0, "sent") : unreachable();
            }

            private OperationResponseBody unreachable() {
                throw new IllegalStateException("Fleet 'payments' cannot be reached");
            }
        };
        private final FluxgateEndpointWebExtension web = new FluxgateEndpointWebExtension(endpoint, fleet);

        @Test
        void fleetScopeGoesToTheFleetAndLeavesTheLocalBreakerAlone() {
            assertThat(web.breaker("payment_api", "fleet").getBody())
                    .isEqualTo(new FluxgateEndpointWebExtension.BadRequest(0, "view of payment_api"));
            assertThat(web.changeState("payment_api", "FORCED_OPEN", "fleet").getStatus()).isEqualTo(200);

            assertThat(sent).containsExactly("payment_api=FORCED_OPEN");
            assertThat(payments.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void badStateIsCheckedBeforeTheFleetIsAsked() {
            assertThat(web.changeState("payment_api", "HALF_OPEN", "fleet").getStatus()).isEqualTo(400);
            assertThat(sent).isEmpty();
        }

        @Test
        void unreachableFleetIsServiceUnavailable() {
            reachable = false;

            WebEndpointResponse<OperationResponseBody> answer = web.breaker("payment_api", "fleet");

            assertThat(answer.getStatus()).isEqualTo(503);
            assertThat(((FluxgateEndpointWebExtension.BadRequest) answer.getBody()).message())
                    .contains("cannot be reached");
        }

        @Test
        void localScopeStaysLocal() {
            assertThat(web.changeState("payment_api", "FORCED_OPEN", "local").getStatus()).isEqualTo(200);

            assertThat(payments.state()).isEqualTo(State.FORCED_OPEN);
            assertThat(sent).isEmpty();
        }
    }
}
