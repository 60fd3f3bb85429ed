package io.fluxgate.spring.aop;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the breaker's advisor in front of every other advisor of a proxy when {@code fluxgate.aspect-placement} is
 * {@code outermost}, and does nothing when it is {@code ordered}.
 *
 * <p>The proxy stays the auto-proxy creator's, as with the default placement; post-processors that advise beans
 * themselves and put their advisor in front of existing ones ({@code RetryAnnotationBeanPostProcessor} and
 * {@code ConcurrencyLimitBeanPostProcessor} of {@code @EnableResilientMethods}) add to that proxy, and this moves
 * the breaker's advisor back to the front afterwards. It is deliberately not {@code Ordered}: Spring runs
 * unordered post-processors after every ordered one, and those are ordered. A bean without the breaker's advisor,
 * or whose proxy is frozen, is left as it is.
 */
final class AdvisorPlacement implements BeanPostProcessor {

    private final boolean outermost;

    AdvisorPlacement(boolean outermost) {
        this.outermost = outermost;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (outermost && bean instanceof Advised advised && !advised.isFrozen()) {
            Advisor[] advisors = advised.getAdvisors();
            for (int i = 1; i < advisors.length; i++) {
                if (advisors[i] instanceof CircuitBreakerAdvisor breaker) {
                    advised.removeAdvisor(i);
                    advised.addAdvisor(0, breaker);
                    break;
                }
            }
        }
        return bean;
    }

    boolean outermost() {
        return outermost;
    }
}
