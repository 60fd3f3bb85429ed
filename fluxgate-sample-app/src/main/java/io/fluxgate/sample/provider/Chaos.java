package io.fluxgate.sample.provider;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The chaos switch: the current {@link ChaosSettings} of the payment provider, for every host name it answers on
 * and, where set, for one host name ({@code localhost} and {@code 127.0.0.1} stand for two provider hosts).
 * Thread-safe; changes apply to the next call.
 */
@Component
public class Chaos {

    private final AtomicReference<ChaosSettings> settings = new AtomicReference<>(ChaosSettings.HEALTHY);

    private final ConcurrentMap<String, ChaosSettings> byHost = new ConcurrentHashMap<>();

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
     * The settings in force for calls that reached the provider under one host name.
     *
     * @param host the host name the call was addressed to
     * @return that host's settings, or the settings of every host
     */
    public ChaosSettings settings(String host) {
        ChaosSettings own = this.byHost.get(host);
        return own != null ? own : this.settings.get();
    }

    /**
     * Changes the fields given in {@code update} for one host name only, starting from what it has now.
     *
     * @param host   the host name
     * @param update the fields to change
     * @return the settings now in force for that host
     */
    public ChaosSettings update(String host, ChaosSettings.Update update) {
        return this.byHost.compute(host, (name, own) -> (own != null ? own : this.settings.get()).with(update));
    }

    /**
     * The hosts with settings of their own.
     *
     * @return host name to settings, ordered by name
     */
    public Map<String, ChaosSettings> hosts() {
        return new TreeMap<>(this.byHost);
    }

    /**
     * Heals the provider on every host name.
     *
     * @return {@link ChaosSettings#HEALTHY}
     */
    public ChaosSettings reset() {
        this.byHost.clear();
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
