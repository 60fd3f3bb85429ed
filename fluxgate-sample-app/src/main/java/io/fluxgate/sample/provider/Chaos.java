package io.fluxgate.sample.provider;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The chaos switch: the current {@link ChaosSettings} of the payment provider. Thread-safe; changes apply to
 * the next call.
 */
@Component
public class Chaos {

    private final AtomicReference<ChaosSettings> settings = new AtomicReference<>(ChaosSettings.HEALTHY);

    /**
     * The settings in force.
     *
     * @return the current settings
     */
    public ChaosSettings settings() {
        return this.settings.get();
    }

    /**
     * Changes the fields given in {@code update}, keeping the others.
     *
     * @param update the fields to change
     * @return the settings now in force
     */
    public ChaosSettings update(ChaosSettings.Update update) {
        return this.settings.updateAndGet((current) -> current.with(update));
    }

    /**
     * Heals the provider.
     *
     * @return {@link ChaosSettings#HEALTHY}
     */
    public ChaosSettings reset() {
        this.settings.set(ChaosSettings.HEALTHY);
        return ChaosSettings.HEALTHY;
    }

    /**
     * Rolls the dice for one call.
     *
     * @param settings the settings the call runs under
     * @return whether this call should fail
     */
    static boolean shouldFail(ChaosSettings settings) {
        return settings.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failureRate();
    }
}
