package io.fluxgate.windows;

/**
 * A window over the calls of the last {@code seconds} seconds of ticker time, in one-second buckets.
 *
 * <p>A read at ticker time {@code t} covers the bucket containing {@code t} and the {@code seconds - 1}
 * buckets before it; older calls drop out of reads as time passes, even when no new call is recorded. Buckets
 * are aligned to whole seconds of the ticker, so the covered span is between {@code seconds - 1} and
 * {@code seconds} seconds long. Its recorders are lock-free. A read adds the current second to a sum of the
 * older ones that is computed once per second, so a read is O(1), not O({@code seconds}). Each second's
 * counters are striped over the threads that collide on them; the read the breaker makes after a successful
 * CLOSED call may see other threads' newest calls up to 1 ms of ticker time (or 64 calls) late, every other
 * read is exact (docs/windows.md). Example: {@code new TimeWindow(60)}, in expressions {@code TimeWindow(60)}.
 *
 * @param seconds how many one-second buckets a read covers, from 1 to {@link #MAX_SECONDS}
 */
public record TimeWindow(int seconds) implements Window {

    /**
     * The longest window: an hour. A recorder holds a slot per second and re-sums the older seconds once per
     * second of traffic, so its memory and that sum grow with {@code seconds}; a breaker that must remember more
     * than an hour reacts to an outage too late to protect anything.
     */
    public static final int MAX_SECONDS = 3_600;

    /**
     * Checks that {@code seconds} is in {@code [1, MAX_SECONDS]}.
     *
     * @param seconds how many one-second buckets a read covers, from 1 to {@link #MAX_SECONDS}
     */
    public TimeWindow {
        if (seconds < 1) {
            throw new IllegalArgumentException("TimeWindow seconds must be >= 1, got " + seconds);
        }
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("TimeWindow seconds must be <= " + MAX_SECONDS + ", got " + seconds);
        }
    }

    @Override
    public Recorder newRecorder() {
        return new TimeRecorder(seconds);
    }

    /**
     * The expression form.
     *
     * @return e.g. {@code TimeWindow(60)}
     */
    @Override
    public String toString() {
        return "TimeWindow(" + seconds + ")";
    }
}
