package io.fluxgate.spring.aop;

import java.util.function.UnaryOperator;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.flow.FlowCollector;
import kotlinx.coroutines.reactive.ReactiveFlowKt;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import org.springframework.util.ClassUtils;

/**
 * Guards functions returning Kotlin's {@code Flow}: the method runs when called (it builds the flow), and each
 * collection of the returned flow is one call, with {@link ReactorCalls#flux Flux} semantics: permission when
 * collection starts, success on completion, the error offered to the tracker, and the permission given back when
 * the collector is cancelled or stops early. A {@code Flow<T?>} may emit {@code null}, which Reactive Streams
 * cannot carry: a null element crosses Reactor as a stand-in and comes out as {@code null} again. Only loaded when a
 * method returns {@code Flow}, so the starter works without Kotlin.
 */
final class FlowCalls {

    /** A null element while it crosses Reactor. */
    private static final Object NULL = new Object();

    private FlowCalls() {
    }

    /** Whether kotlinx-coroutines-reactive and Reactor are there. */
    static boolean supported(ClassLoader classLoader) {
        return ClassUtils.isPresent("kotlinx.coroutines.reactive.ReactiveFlowKt", classLoader)
                && ClassUtils.isPresent("reactor.core.publisher.Flux", classLoader);
    }

    /** Returns the guarded {@code Flow}. */
    static Object call(Plan plan, MethodInvocation invocation) {
        return new Mapped(ReactiveFlowKt.asFlow(ReactorCalls.flux(plan, invocation, FlowCalls::publisher)),
                value -> value == NULL ? null : value);
    }

    @SuppressWarnings("unchecked")
    private static Object publisher(Object flowOrPublisher) {
        return flowOrPublisher instanceof Publisher<?> ? flowOrPublisher
                : ReactiveFlowKt.asPublisher(new Mapped((Flow<Object>) flowOrPublisher,
                        value -> value == null ? NULL : value));
    }

    /**
     * {@code source} with each element mapped, collected in the collector's coroutine: both suspending calls are
     * tail calls that pass the caller's continuation on.
     */
    private record Mapped(Flow<Object> source, UnaryOperator<Object> map) implements Flow<Object> {

        @Override
        public Object collect(FlowCollector<? super Object> collector, Continuation<? super Unit> continuation) {
            return source.collect((value, emitted) -> collector.emit(map.apply(value), emitted), continuation);
        }
    }
}
