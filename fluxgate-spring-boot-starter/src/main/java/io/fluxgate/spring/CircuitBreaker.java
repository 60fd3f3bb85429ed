package io.fluxgate.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring bean's method through the breaker registered under {@link #name()}.
 *
 * <pre>{@code
 * @Service
 * class PaymentClient {
 *
 *     @CircuitBreaker(name = "payment_api", fallbackMethod = "chargeFallback")
 *     String charge(BigDecimal amount) throws IOException {
 *         return http.post("/charges", amount);
 *     }
 *
 *     private String chargeFallback(BigDecimal amount, CallNotPermittedException rejected) {
 *         return "queued";                     // the breaker is open
 *     }
 *
 *     private String chargeFallback(BigDecimal amount, Exception failed) {
 *         return "failed: " + failed.getMessage();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Return types.</b> Plain values and {@code void} run synchronously: a rejection throws
 * {@link io.fluxgate.CallNotPermittedException} and the method's own exceptions, checked ones included, are
 * rethrown unchanged. {@code CompletionStage} and {@code CompletableFuture} follow
 * {@link io.fluxgate.CircuitBreaker#callAsync}: a rejection returns an already failed future without invoking
 * the method, and the outcome is recorded when the stage completes. {@code Mono} and {@code Flux} (when Reactor
 * is on the class path) ask for permission when subscribed to, record the outcome on completion or error
 * (a {@code Flux} succeeds when it completes) and give the permission back when the subscription is cancelled.
 *
 * <p><b>Breakers.</b> A name that {@code fluxgate.breakers} does not configure gets a breaker built from
 * {@code fluxgate.defaults}. Every annotated name is registered at start-up, so it shows in the endpoint and
 * the metrics before the first call.
 *
 * <p><b>Keys.</b> With a {@link #key()}, each value of the key (a host, a tenant) gets a breaker of its own, so
 * that one failing host opens only its own breaker.
 *
 * <p><b>Fallback.</b> {@link #fallbackMethod()} names a method of the same class (any visibility, inherited
 * ones included) taking the annotated method's parameters plus one trailing exception parameter. It receives
 * every {@link Exception} of the call, rejections included, never an {@link Error}. Several overloads may
 * differ in that exception type; the most specific one that matches wins, and an exception that no overload
 * accepts is rethrown. The fallback returns what the method returns; for {@code CompletionStage} methods it may
 * also return the value, for {@code Mono} and {@code Flux} methods the element. Fallbacks are checked at
 * start-up: a missing or ill-typed one stops the application with the expected signature.
 *
 * <p><b>Proxy limits.</b> The annotation works through a Spring AOP proxy, like {@code @Transactional}. It
 * takes no effect on calls from inside the same object ({@code this.charge(...)}), on private, static or final
 * methods, or on beans that are not proxied (final classes cannot be subclassed). Fluxgate logs a warning at
 * start-up for annotations it can see will never take effect. On a type, the annotation covers the type's
 * public methods; an annotation on a method overrides it.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CircuitBreaker {

    /**
     * The breaker's name, kept exactly: {@code payment_api} matches {@code fluxgate.breakers.payment_api}.
     *
     * @return the name of the breaker in the registry
     */
    String name();

    /**
     * The name of the fallback method in the same class; empty (the default) for none.
     *
     * @return the fallback method's name
     */
    String fallbackMethod() default "";

    /**
     * A SpEL expression over the method's parameters that makes the breaker keyed: one breaker per value, each
     * built from {@code fluxgate.breakers.<name>}, named {@code name[value]} and bounded by
     * {@code fluxgate.breakers.<name>.keys}. Parameters are {@code #p0} or {@code #a0}, and {@code #host} by name
     * when the code is compiled with {@code -parameters}; {@code #request.tenantId} reads a property. Empty (the
     * default) for one breaker.
     *
     * <pre>{@code
     * @CircuitBreaker(name = "payment_api", key = "#host")
     * String charge(String host, BigDecimal amount) { ... }
     * }</pre>
     *
     * <p>The expression is parsed at start-up (one that does not parse stops the application) and evaluated before
     * every call. A value of {@code null} throws an {@link IllegalArgumentException} naming the breaker, the method
     * and the expression before the method runs, given to no fallback. A name used with a key is a keyed family:
     * every {@code @CircuitBreaker} with that name must have a key.
     *
     * @return the key expression, or empty
     */
    String key() default "";
}
