package io.fluxgate.redis;

import java.time.Instant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance reaches the fleet's Redis, as its last heartbeat found. Losing the link is logged at WARN
 * in one line, without a stack trace, at most once per {@link #WARN_INTERVAL_MILLIS} however often the link
 * flaps; getting it back, at INFO. The breakers never depend on it.
 */
final class FleetLink {

    static final long WARN_INTERVAL_MILLIS = 60_000;

    private static final Log logger = LogFactory.getLog(FleetLink.class);

    private final String fleet;
    private volatile boolean up;
    private volatile @Nullable String lastError;
    private volatile boolean tried;
    private volatile @Nullable Instant lastHeartbeat;
    private long lastWarning = Long.MIN_VALUE;
    private boolean everUp;

    FleetLink(String fleet) {
        this.fleet = fleet;
    }

    boolean isUp() {
        return up;
    }

    /** {@code up}, {@code degraded}, or {@code starting} before the first heartbeat. */
    String state() {
        return up ? "up" : tried ? "degraded" : "starting";
    }

    @Nullable String lastError() {
        return lastError;
    }

    @Nullable Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /**
     * A heartbeat went through.
     *
     * @return whether the link was down before
     */
    synchronized boolean up(long nowMillis) {
        boolean was = up;
        lastHeartbeat = Instant.ofEpochMilli(nowMillis);
        lastError = null;
        up = true;
        tried = true;
        if (!was && everUp) {
            logger.info("Fleet '" + fleet + "': the link to Redis is back");
        }
        everUp = true;
        return !was;
    }

    /**
     * An operation on Redis failed.
     *
     * @return whether the link was up before
     */
    synchronized boolean down(Throwable error, long nowMillis) {
        boolean was = up;
        up = false;
        tried = true;
        lastError = describe(error);
        if (lastWarning == Long.MIN_VALUE || nowMillis - lastWarning >= WARN_INTERVAL_MILLIS) {
            lastWarning = nowMillis;
            logger.warn("Fleet '" + fleet + "': Redis cannot be reached (" + lastError + "); breakers keep working"
                    + " locally, without the fleet view and fleet control, until it is back; retrying on every"
                    + " heartbeat. Check spring.data.redis.* if this persists.");
        }
        return was;
    }

    /** The exception and its causes' messages on one line. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable e = error; e != null && text.length() < 400; e = e.getCause() == e ? null : e.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(e.getClass().getSimpleName());
            if (e.getMessage() != null) {
                text.append(": ").append(e.getMessage());
            }
        }
        return text.toString().replace('\n', ' ');
    }
}
