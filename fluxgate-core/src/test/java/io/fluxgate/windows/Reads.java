package io.fluxgate.windows;

import io.fluxgate.Metric;
import io.fluxgate.State;
import io.fluxgate.internal.MetricCapture;
import io.fluxgate.internal.WindowReads;

/** The engine's reads of a recorder ({@link WindowReads}), as the {@link Metric}s the tripper was asked with. */
final class Reads {

    private Reads() {
    }

    static Metric exact(Window.Recorder recorder, long nowNanos, boolean withDurations) {
        MetricCapture capture = new MetricCapture();
        ((WindowReads) recorder).firesExact(nowNanos, withDurations, capture, State.CLOSED, 0);
        return capture.metric();
    }

    static Metric lagging(Window.Recorder recorder, long nowNanos, boolean withDurations) {
        MetricCapture capture = new MetricCapture();
        ((WindowReads) recorder).firesLagging(nowNanos, withDurations, capture, State.CLOSED, 0);
        return capture.metric();
    }

    static Metric lagging(TimeRecorder recorder, int probe, long nowNanos, boolean withDurations) {
        MetricCapture capture = new MetricCapture();
        recorder.firesLagging(probe, nowNanos, withDurations, capture, State.CLOSED, 0);
        return capture.metric();
    }
}
