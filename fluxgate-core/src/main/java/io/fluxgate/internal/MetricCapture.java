package io.fluxgate.internal;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.trippers.Tripper;
import java.time.Duration;

/**
 * A tripper that never fires and keeps the counts it was asked with: how a recorder turns one of its
 * {@link WindowReads} into a {@link Metric} without a second copy of the read. Not API.
 */
public final class MetricCapture implements Tripper, CountsTripper {

    private Metric metric = Metric.EMPTY;

    /**
     * The counts of the last test.
     *
     * @return them as a metric
     */
    public Metric metric() {
        return metric;
    }

    @Override
    public boolean test(Metric read, State state, int consecutiveFailures) {
        metric = read;
        return false;
    }

    @Override
    public boolean test(long total, long failures, long slow, long nanos, State state, int consecutiveFailures) {
        metric = new Metric(total, failures, slow, Duration.ofNanos(nanos));
        return false;
    }
}
