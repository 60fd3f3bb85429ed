package io.fluxgate.spring.aop;

import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.reactive.ReactiveFlowKt;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import org.springframework.util.ClassUtils;

/**
 * Guards functions returning Kotlin's {@code Flow}: the method runs when called (it builds the flow), and each
 * collection of the returned flow is one call, with {@link ReactorCalls#flux Flux} semantics: permission when
 * collection starts, success on completion, the error offered to the tracker, and the permission given back when
 * the collector is cancelled or stops early. Only loaded when a method returns {@code Flow}, so the starter works
 * without Kotlin.
 */
final class FlowCalls {

    private FlowCalls() {
    }

    /** Whether kotlinx-coroutines-reactive and Reactor are there. */
    static boolean supported(ClassLoader classLoader) {
        return ClassUtils.isPresent("kotlinx.coroutines.reactive.ReactiveFlowKt", classLoader)
                && ClassUtils.isPresent("reactor.core.publisher.Flux", classLoader);
    }

    /** Returns the guarded {@code Flow}. */
    static Object call(Plan plan, MethodInvocation invocation) {
        return ReactiveFlowKt.asFlow(ReactorCalls.flux(plan, invocation, FlowCalls::publisher));
    }

    @SuppressWarnings("unchecked")
    private static Object publisher(Object flowOrPublisher) {
        return flowOrPublisher instanceof Publisher<?> ? flowOrPublisher
                : ReactiveFlowKt.asPublisher((Flow<Object>) flowOrPublisher);
    }
}
