package io.fluxgate.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.spring.TestRegistryConfiguration;
import io.fluxgate.spring.aot.AheadOfTime;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ActuatorJsonHintsTests {

    @Test
    void theEndpointsViewsAreHintedForJsonDownToTheirNestedRecords() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Endpoint.class },
                "management.endpoints.web.exposure.include=fluxgate");

        assertThat(hints).matches(accessor(BreakersDescriptor.class, "breakers"))
                .matches(accessor(BreakerDescriptor.class, "state"))
                .matches(accessor(BreakerDescriptor.MetricDescriptor.class, "failureRate"))
                .matches(accessor(BreakerDescriptor.ConfigDescriptor.class, "tracker"))
                .matches(accessor(BreakerDescriptor.TransitionDescriptor.class, "reason"))
                .matches(accessor(FamilyDescriptor.class, "keys"))
                .matches(accessor(FamilyDescriptor.KeyDescriptor.class, "state"))
                .matches(accessor(FluxgateEndpointWebExtension.BadRequest.class, "message"));
    }

    @Test
    void theDashboardsDataAndPageAreHinted() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Endpoint.class },
                "management.endpoints.web.exposure.include=fluxgate,fluxgatedashboard");

        assertThat(hints).matches(accessor(DashboardDescriptor.class, "openWaits"))
                .matches(accessor(DashboardDescriptor.OpenWait.class, "endsAt"))
                .matches(accessor(TrafficDescriptor.class, "failures"))
                .matches(accessor(Thresholds.class, "failureRate"))
                .matches(accessor(DashboardDescriptor.KeyDetail.class, "thresholds"))
                .matches(RuntimeHintsPredicates.resource().forResource(FluxgateDashboardEndpoint.PAGE));
    }

    @Test
    void theHealthDetailsAreHintedForJson() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Health.class });

        assertThat(hints).matches(accessor(FluxgateHealthIndicator.BreakerHealth.class, "changedAt"))
                .matches(accessor(FluxgateHealthIndicator.FamilyHealth.class, "states"));
    }

    @Test
    void withoutTheEndpointOrHealthNothingOfTheirsIsHinted() {
        RuntimeHints hints = AheadOfTime.hints(new Class<?>[] { Health.class },
                "management.health.fluxgate.enabled=false");

        assertThat(hints).matches(accessor(FluxgateHealthIndicator.BreakerHealth.class, "changedAt").negate());
    }

    private static Predicate<RuntimeHints> accessor(Class<?> type, String name) {
        return RuntimeHintsPredicates.reflection().onMethodInvocation(type, name);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FluxgateEndpointAutoConfiguration.class)
    @Import(TestRegistryConfiguration.class)
    static class Endpoint {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FluxgateHealthAutoConfiguration.class)
    @Import(TestRegistryConfiguration.class)
    static class Health {
    }
}
