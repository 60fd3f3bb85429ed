package io.fluxgate.expression;

import io.fluxgate.internal.Durations;
import io.fluxgate.permits.Permit;
import io.fluxgate.retries.Retry;
import io.fluxgate.trackers.Tracker;
import io.fluxgate.trippers.Tripper;
import io.fluxgate.windows.Window;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses component expressions into the same components the Java API builds: the text each component's
 * {@code toString()} writes, and that the Spring Boot starter reads from YAML.
 *
 * <pre>{@code
 * Window window = Expressions.window("CountWindow(100)");
 * Tracker tracker = Expressions.tracker("TypeOf(java.net.ConnectException) | ~TypeOf(java.io.IOException)");
 * Tripper tripper = Expressions.tripper("FailureStreak(5) | MinRequests(20) & FailureRate(0.6)");
 * Retry retry = Expressions.retry("Backoff(initial=10s, multiplier=2, max_duration=300s, jitter_ratio=0.1)");
 * Permit permit = Expressions.permit("RampUp(initial=0.1, final=0.5, duration=60s)");
 * }</pre>
 *
 * <h2>Grammar</h2>
 * <pre>
 * expr   := term ('|' term)*
 * term   := factor ('&amp;' factor)*
 * factor := '~' factor | '(' expr ')' | Name '(' args? ')'
 * </pre>
 * {@code &} binds tighter than {@code |}; both are left-associative, so {@code A | B & C} is
 * {@code A.or(B.and(C))}. Only trackers and trippers combine; only trackers negate ({@code ~}). Windows,
 * retries and permits are a single component. Whitespace is free.
 *
 * <h2>Arguments</h2>
 * Positional in constructor order, or named ({@code name=value}) after the positional ones. Names are the
 * constructor's parameter names in {@code snake_case}, {@code camelCase} or {@code kebab-case}
 * ({@code max_duration}, {@code maxDuration}, {@code max-duration}); {@code RampUp}'s {@code finalRatio} is
 * also {@code final}. Omitted optional arguments take the constructor's defaults. Values are:
 * <ul>
 *   <li>numbers: {@code 20}, {@code 0.5}, {@code 1.0E-4};</li>
 *   <li>durations: {@code 500ms}, {@code 1.5s}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} (also
 *       {@code ns}, {@code us}), ISO-8601 {@code PT10S}; a bare number means seconds;</li>
 *   <li>fully qualified {@link Throwable} class names for {@code TypeOf}, loaded with
 *       {@link TrackerContext#classLoader()} (nested classes as {@code a.b.Outer$Inner});</li>
 *   <li>a name for {@code Custom}, resolved with {@link TrackerContext#customs()}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Every problem raises an {@link ExpressionException} with the 1-based column, e.g.
 * {@code unexpected ')' at column 17; expected '&', '|' or the end}. Ranges are checked by the components'
 * constructors; their messages are kept and the column appended. Each component's {@code toString()} parses
 * back to an equal component, and {@link #format(Duration)} writes a duration the way those texts do.
 *
 * <p>All methods are thread-safe and stateless.
 */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Parses a window, such as {@code CountWindow(100)} or {@code TimeWindow(60)}.
     *
     * @param text the expression
     * @return the window
     * @throws ExpressionException if the text is not a valid window
     */
    public static Window window(String text) {
        return Parser.parse(text, Catalog.WINDOWS, TrackerContext.defaults());
    }

    /**
     * Parses a tracker with {@link TrackerContext#defaults()}: classes come from the thread's context
     * class loader and {@code Custom(name)} is unknown.
     *
     * @param text the expression, such as {@code TypeOf(java.net.ConnectException) | TypeOf(java.io.IOException)}
     * @return the tracker
     * @throws ExpressionException if the text is not a valid tracker
     */
    public static Tracker tracker(String text) {
        return tracker(text, TrackerContext.defaults());
    }

    /**
     * Parses a tracker, such as {@code ~TypeOf(java.lang.IllegalArgumentException) & Custom(isRetryable)}.
     *
     * @param text    the expression
     * @param context loads {@code TypeOf} classes and resolves {@code Custom} names
     * @return the tracker
     * @throws ExpressionException if the text is not a valid tracker
     */
    public static Tracker tracker(String text, TrackerContext context) {
        return Parser.parse(text, Catalog.TRACKERS, context);
    }

    /**
     * Parses a tripper, such as {@code FailureStreak(5) | MinRequests(20) & FailureRate(0.6)}.
     *
     * @param text the expression
     * @return the tripper
     * @throws ExpressionException if the text is not a valid tripper
     */
    public static Tripper tripper(String text) {
        return Parser.parse(text, Catalog.TRIPPERS, TrackerContext.defaults());
    }

    /**
     * Parses a retry, such as {@code Cooldown(60s)} or {@code Backoff(initial=10s, max_duration=5m)}.
     *
     * @param text the expression
     * @return the retry
     * @throws ExpressionException if the text is not a valid retry
     */
    public static Retry retry(String text) {
        return Parser.parse(text, Catalog.RETRIES, TrackerContext.defaults());
    }

    /**
     * Parses a permit, such as {@code Random(0.5)} or {@code RampUp(initial=0.1, final=0.5, duration=60s)}.
     *
     * @param text the expression
     * @return the permit
     * @throws ExpressionException if the text is not a valid permit
     */
    public static Permit permit(String text) {
        return Parser.parse(text, Catalog.PERMITS, TrackerContext.defaults());
    }

    /**
     * Writes a duration as the components' {@code toString()} and these expressions do: exactly, in the largest
     * whole unit among {@code h}, {@code m}, {@code s} and {@code ms} ({@code 2h}, {@code 90s}, {@code 1500ms},
     * {@code 0s}); a duration that is not a whole number of milliseconds, or a negative one, in ISO-8601
     * ({@code PT0.0000005S}). The text parses back to an equal duration.
     *
     * @param duration any duration
     * @return its shortest exact text
     */
    public static String format(Duration duration) {
        return Durations.format(duration);
    }

    /**
     * The names of the built-in components of one family, in the order error messages list them: for
     * {@code Tripper.class}, {@code [Closed, HalfOpened, MinRequests, FailureRate, SlowRate, AvgLatency,
     * FailureStreak]}. Tools use it to offer or check every component an expression may name.
     *
     * @param role {@code Window.class}, {@code Tracker.class}, {@code Tripper.class}, {@code Retry.class} or
     *             {@code Permit.class}
     * @return the component names, unmodifiable
     * @throws IllegalArgumentException if {@code role} is none of those
     */
    public static List<String> builtIns(Class<?> role) {
        return Catalog.FAMILIES.stream().filter(family -> family.role() == role).findFirst()
                .map(family -> family.components().stream().map(Family.Component::name).toList())
                .orElseThrow(() -> new IllegalArgumentException("no expression names a " + role.getName()
                        + "; expected one of " + Catalog.FAMILIES.stream().map(family -> family.role().getSimpleName())
                        .collect(Collectors.joining(", "))));
    }
}
