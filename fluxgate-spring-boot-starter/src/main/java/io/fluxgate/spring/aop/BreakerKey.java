package io.fluxgate.spring.aop;

import io.fluxgate.CircuitBreaker;
import io.fluxgate.KeyedCircuitBreaker;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The key of a keyed {@code @CircuitBreaker} method: its SpEL expression, parsed once, and its family. Each call
 * evaluates the expression over the call's arguments and runs through that key's breaker. Thread-safe.
 */
final class BreakerKey {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

    private final KeyedCircuitBreaker<Object> family;
    private final Method method;
    private final String text;
    private final Expression expression;

    private BreakerKey(KeyedCircuitBreaker<Object> family, Method method, String text, Expression expression) {
        this.family = family;
        this.method = method;
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses the key expression of a method.
     *
     * @throws InvalidCircuitBreakerAnnotationException naming the method and the expression when it does not parse
     */
    static BreakerKey parse(KeyedCircuitBreaker<Object> family, Method method, String text) {
        try {
            return new BreakerKey(family, method, text, PARSER.parseExpression(text));
        } catch (ParseException ex) {
            throw new InvalidCircuitBreakerAnnotationException(FallbackMethods.prefix(method, family.name())
                    + "key expression '" + text + "' does not parse: " + ex.getMessage());
        }
    }

    /**
     * The breaker of this call's key. For a Kotlin {@code suspend fun} the expression sees the function's own
     * parameters ({@code #p0}, the names), not the trailing continuation: Spring's evaluation context leaves it
     * out (KeyedSuspendCircuitBreakerTests in fluxgate-kotlin keys on a last parameter).
     *
     * @throws IllegalArgumentException when the key is null
     */
    CircuitBreaker breaker(MethodInvocation invocation) {
        MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(invocation.getThis(), method,
                invocation.getArguments(), PARAMETER_NAMES);
        Object key = expression.getValue(context);
        if (key == null) {
            throw new IllegalArgumentException(FallbackMethods.prefix(method, family.name()) + "key expression '"
                    + text + "' gave null; a keyed breaker needs a key for every call");
        }
        return family.forKey(key);
    }

    @Override
    public String toString() {
        return "BreakerKey[" + family.name() + ", " + text + "]";
    }
}
