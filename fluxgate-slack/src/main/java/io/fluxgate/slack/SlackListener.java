package io.fluxgate.slack;

import io.fluxgate.Signal;
import io.fluxgate.State;
import io.fluxgate.listeners.Listener;
import io.fluxgate.listeners.LogListener;
import java.lang.System.Logger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts every transition to a Slack channel through the Web API method
 * <a href="https://api.slack.com/methods/chat.postMessage">{@code chat.postMessage}</a>, using the JDK's
 * {@link HttpClient}. Each message has a title, the breaker's name, the transition, its time (ISO-8601, UTC by
 * default) and its reason:
 *
 * <pre>{@code
 * try (SlackListener slack = new SlackListener("#alerts", System.getenv("SLACK_BOT_TOKEN"))) {
 *     CircuitBreaker cb = CircuitBreaker.builder("payment_api").listener(slack).build();
 *     ...
 * }
 * }</pre>
 *
 * <h2>Threads of messages</h2>
 * An <em>episode</em> is the time a breaker spends in {@link State#OPEN}, {@link State#HALF_OPEN} or
 * {@link State#FORCED_OPEN}. Entering one of these states without a known episode (usually
 * {@code CLOSED → OPEN}, also a manual {@code forceOpen()}) posts a top-level message that starts a Slack thread.
 * Later transitions of the episode ({@code OPEN → HALF_OPEN}, {@code HALF_OPEN → OPEN}, ...) are replies in that
 * thread. Leaving the episode (the recovery {@code → CLOSED}, or {@code → DISABLED} or {@code → METRICS_ONLY})
 * is a reply that is also broadcast to the channel, and ends the episode. Transitions outside an episode are
 * top-level messages. The {@code reset()} of a CLOSED breaker ({@code CLOSED → CLOSED}) only clears its window
 * and posts nothing. When the post that should start a thread fails, the episode's next post starts it.
 *
 * <h2>Threading and failures</h2>
 * {@link #onTransition} only queues the message and returns at once, whatever the server does. Messages are
 * posted one at a time in the order of the signals, so the replies of an episode follow the post that started
 * its thread, even when a multi-threaded {@link Builder#executor(Executor) executor} is supplied. A post that
 * fails (I/O error, timeout, HTTP status other than 2xx, {@code "ok": false}) is logged at
 * {@link System.Logger.Level#WARNING WARNING} on the {@code io.fluxgate} logger with the breaker's name and
 * Slack's error, never the token, and is not retried. Nothing is ever thrown to the caller.
 *
 * <p>Thread-safe. {@link #close()} releases the executor the listener owns; close the listener when the
 * breakers using it are no longer needed.
 *
 * <p>In the module {@code io.fluxgate:fluxgate-slack}, which needs nothing beyond the JDK and the core.
 */
public final class SlackListener implements Listener, AutoCloseable {

    /** The default base URL of the Slack Web API: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://slack.com/api/";

    /** The default time limit for one post, connection included: 10 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String channel;
    private final SlackClient slack;
    private final Duration requestTimeout;
    private final ZoneId zone;
    private final DateTimeFormatter timeFormatter;
    private final ThreadPoolExecutor ownedExecutor;
    private final SerialExecutor posts;
    // Written and read only by posts, one at a time; concurrent for visibility across a user executor's threads.
    private final Map<String, String> threads = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates a listener that posts to {@code channel} on slack.com with the defaults of {@link #builder}.
     *
     * @param channel a channel name ({@code #alerts}) or ID ({@code C0123456789})
     * @param token   a bot token with the {@code chat:write} scope ({@code xoxb-...})
     * @throws IllegalArgumentException when {@code channel} or {@code token} is blank
     */
    public SlackListener(String channel, String token) {
        this(builder(channel, token));
    }

    private SlackListener(Builder builder) {
        this.channel = builder.channel;
        this.requestTimeout = builder.requestTimeout;
        HttpClient client = builder.httpClient != null ? builder.httpClient
                : HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        this.slack = new SlackClient(builder.baseUrl, builder.token, client, requestTimeout, builder.logger);
        this.zone = builder.zone;
        this.timeFormatter = builder.timeFormatter;
        this.ownedExecutor = builder.executor == null ? ownedExecutor() : null;
        this.posts = new SerialExecutor(builder.executor != null ? builder.executor : ownedExecutor);
    }

    /**
     * Starts a builder for a listener that posts to {@code channel}, to customise the defaults: slack.com, a
     * client and a daemon thread of its own, a 10-second request timeout, times in UTC.
     *
     * @param channel a channel name ({@code #alerts}) or ID ({@code C0123456789})
     * @param token   a bot token with the {@code chat:write} scope
     * @return a new builder
     * @throws IllegalArgumentException when {@code channel} or {@code token} is blank
     */
    public static Builder builder(String channel, String token) {
        return new Builder(channel, token);
    }

    /**
     * Queues a message for the transition and returns without waiting for it to be posted.
     *
     * @param signal what changed
     */
    @Override
    public void onTransition(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal.oldState() == State.CLOSED && signal.newState() == State.CLOSED) {
            return;
        }
        if (closed.get()) {
            slack.warn(signal, "the listener is closed");
            return;
        }
        try {
            posts.execute(() -> deliver(signal));
        } catch (RuntimeException ex) {
            slack.warn(signal, "the executor refused it (" + ex + ")");
        }
    }

    private void deliver(Signal signal) {
        try {
            String name = signal.circuitName();
            String threadTs = threads.get(name);
            boolean inEpisode = inEpisode(signal.newState());
            String ts = slack.post(signal, SlackMessage.json(channel, signal, format(signal), threadTs,
                    threadTs != null && !inEpisode));
            if (threadTs == null && inEpisode && ts != null) {
                threads.put(name, ts);
            } else if (threadTs != null && !inEpisode) {
                threads.remove(name);
            }
        } catch (RuntimeException ex) {
            slack.warn("Slack post for circuit breaker '" + signal.circuitName() + "' failed", ex);
        }
    }

    private String format(Signal signal) {
        return timeFormatter.format(signal.timestamp().atZone(zone));
    }

    private static boolean inEpisode(State state) {
        return state == State.OPEN || state == State.HALF_OPEN || state == State.FORCED_OPEN;
    }

    /**
     * Stops accepting signals. When the listener owns its executor (none was supplied), waits up to the request
     * timeout for queued messages to be posted, then interrupts the rest and shuts the thread down. A supplied
     * executor is left running, and messages already queued are still posted on it. Signals that arrive after
     * {@code close()} are logged and dropped. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true) || ownedExecutor == null) {
            return;
        }
        ownedExecutor.shutdown();
        try {
            if (!ownedExecutor.awaitTermination(requestTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                ownedExecutor.shutdownNow();
                slack.warn("Slack listener for " + channel + " closed with " + posts.pending()
                        + " messages not posted", null);
            }
        } catch (InterruptedException ex) {
            ownedExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Names the channel; never shows the token.
     *
     * @return {@code SlackListener[channel=#alerts]}
     */
    @Override
    public String toString() {
        return "SlackListener[channel=" + channel + "]";
    }

    // One daemon thread that ends when idle, so a listener that is never closed does not keep a thread forever.
    private static ThreadPoolExecutor ownedExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "fluxgate-slack");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Configures a {@link SlackListener}; each method checks its argument at once. Not thread-safe; a builder may
     * build several listeners.
     */
    public static final class Builder {

        private final String channel;
        private final String token;
        private String baseUrl = DEFAULT_BASE_URL;
        private HttpClient httpClient;
        private Executor executor;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private ZoneId zone = ZoneOffset.UTC;
        private DateTimeFormatter timeFormatter = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        private Logger logger = System.getLogger(LogListener.LOGGER_NAME);

        private Builder(String channel, String token) {
            this.channel = requireText(channel, "channel");
            this.token = requireText(token, "token");
        }

        /**
         * Sets the base URL of the Web API, for a proxy, a Slack-compatible server or a test server; messages go
         * to {@code baseUrl + "chat.postMessage"}. A missing trailing {@code /} is added.
         *
         * @param baseUrl an absolute http or https URL; default {@value SlackListener#DEFAULT_BASE_URL}
         * @return this builder
         * @throws IllegalArgumentException when {@code baseUrl} is not an absolute http or https URL
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            try {
                URI uri = new URI(baseUrl);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new URISyntaxException(baseUrl, "not absolute http(s)");
                }
            } catch (URISyntaxException ex) {
                throw new IllegalArgumentException(
                        "SlackListener baseUrl must be an absolute http or https URL, got '" + baseUrl + "'", ex);
            }
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return this;
        }

        /**
         * Sets the HTTP client, e.g. one with a proxy or custom TLS; its own settings (connect timeout, executor)
         * apply. The listener does not close it.
         *
         * @param httpClient the client; default a new client with a connect timeout of the request timeout
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Sets the executor that posts messages. The listener still posts them one at a time and in order, and
         * does not shut the executor down. An executor that runs tasks on the calling thread makes
         * {@link SlackListener#onTransition} wait for the post.
         *
         * @param executor the executor; default a daemon thread owned by the listener, which ends when idle for a
         *                 minute and is shut down by {@link SlackListener#close()}
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how long one post may take, from sending the request to reading the whole response.
         *
         * @param requestTimeout a positive duration; default 10 seconds
         * @return this builder
         * @throws IllegalArgumentException when {@code requestTimeout} is zero or negative
         */
        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw new IllegalArgumentException(
                        "SlackListener requestTimeout must be positive, got " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Sets the time zone in which a message shows the time of its transition.
         *
         * @param zone the zone; default UTC
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Sets the format of the time of a transition, applied to the time in the {@link #zone(ZoneId) zone}.
         *
         * @param timeFormatter the format; default {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
         *                      ({@code 2026-01-02T03:04:05Z})
         * @return this builder
         */
        public Builder timeFormatter(DateTimeFormatter timeFormatter) {
            this.timeFormatter = Objects.requireNonNull(timeFormatter, "timeFormatter");
            return this;
        }

        /**
         * Sets the logger for failed posts, e.g. to capture them in a test.
         *
         * @param logger the logger; default the {@code io.fluxgate} {@link System.Logger}
         * @return this builder
         */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * Creates the listener.
         *
         * @return a new listener; {@linkplain SlackListener#close() close} it when done
         */
        public SlackListener build() {
            return new SlackListener(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException("SlackListener " + name + " must not be blank");
            }
            return value;
        }
    }
}
