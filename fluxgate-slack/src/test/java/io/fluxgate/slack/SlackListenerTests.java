package io.fluxgate.slack;

import static io.fluxgate.State.CLOSED;
import static io.fluxgate.State.FORCED_OPEN;
import static io.fluxgate.State.HALF_OPEN;
import static io.fluxgate.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

import io.fluxgate.Signal;
import io.fluxgate.State;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlackListenerTests {

    private static final String TOKEN = "xoxb-secret-token";
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    private final FakeSlack slack = new FakeSlack();
    private final CapturingLogger logger = new CapturingLogger();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        slack.close();
    }

    private SlackListener.Builder builder() {
        return SlackListener.builder("#alerts", TOKEN).baseUrl(slack.baseUrl()).logger(logger);
    }

    private SlackListener listener() {
        return track(builder().build());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(0, resource);
        return resource;
    }

    private static Signal signal(State from, State to) {
        return signal("payment_api", from, to);
    }

    private static Signal signal(String name, State from, State to) {
        return new Signal(name, from, to, TIME, from + " to " + to);
    }

    private static ConditionFactory eventually() {
        return await().pollInterval(Duration.ofMillis(10));
    }

    private void awaitRequests(int count) {
        eventually().until(() -> slack.requests().size() >= count && slack.answered() >= count);
    }

    @Nested
    class Threads {

        @Test
        void postsAnEpisodeAsOneThreadAndBroadcastsTheRecovery() {
            SlackListener listener = listener();
            State[] states = {CLOSED, OPEN, HALF_OPEN, OPEN, HALF_OPEN, CLOSED};
            for (int i = 1; i < states.length; i++) {
                listener.onTransition(signal(states[i - 1], states[i]));
            }

            awaitRequests(5);
            List<FakeSlack.Request> requests = slack.requests();
            String threadTs = requests.get(0).answeredTs();
            assertThat(requests.get(0).json()).doesNotContainKeys("thread_ts", "reply_broadcast");
            assertThat(requests.subList(1, 5)).allSatisfy(reply -> assertThat(reply.threadTs()).isEqualTo(threadTs));
            assertThat(requests.subList(1, 4)).allSatisfy(reply -> assertThat(reply.json())
                    .doesNotContainKey("reply_broadcast"));
            assertThat(requests.get(4).broadcast()).isEqualTo(true);
            assertThat(requests).extracting(FakeSlack.Request::text).allSatisfy(text -> assertThat(text)
                    .contains("payment_api"));
            assertThat(logger.entries()).isEmpty();
        }

        @Test
        void startsANewThreadForTheNextEpisode() {
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));
            listener.onTransition(signal(HALF_OPEN, CLOSED));
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));

            awaitRequests(5);
            assertThat(slack.request(3).json()).doesNotContainKey("thread_ts");
            assertThat(slack.request(4).threadTs()).isEqualTo(slack.request(3).answeredTs())
                    .isNotEqualTo(slack.request(0).answeredTs());
        }

        @Test
        void keepsOneThreadPerBreaker() {
            SlackListener listener = listener();
            listener.onTransition(signal("a", CLOSED, OPEN));
            listener.onTransition(signal("b", CLOSED, OPEN));
            listener.onTransition(signal("a", OPEN, HALF_OPEN));
            listener.onTransition(signal("b", OPEN, HALF_OPEN));

            awaitRequests(4);
            assertThat(slack.request(2).threadTs()).isEqualTo(slack.request(0).answeredTs());
            assertThat(slack.request(3).threadTs()).isEqualTo(slack.request(1).answeredTs());
        }

        @Test
        void startsAThreadWhenForcedOpenAndRepliesToTheReset() {
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, FORCED_OPEN));
            listener.onTransition(signal(FORCED_OPEN, CLOSED));

            awaitRequests(2);
            assertThat(slack.request(0).json()).doesNotContainKey("thread_ts");
            assertThat(slack.request(1).threadTs()).isEqualTo(slack.request(0).answeredTs());
            assertThat(slack.request(1).broadcast()).isEqualTo(true);
        }

        @Test
        void postsTransitionsOutsideAnEpisodeAtTopLevel() {
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, State.DISABLED));
            listener.onTransition(signal(State.DISABLED, CLOSED));
            listener.onTransition(signal(CLOSED, State.METRICS_ONLY));

            awaitRequests(3);
            assertThat(slack.requests()).allSatisfy(request -> assertThat(request.json())
                    .doesNotContainKeys("thread_ts", "reply_broadcast"));
        }

        @Test
        void postsNothingForTheResetOfAClosedBreaker() {
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, CLOSED));
            listener.onTransition(signal(CLOSED, OPEN));

            awaitRequests(1);
            assertThat(slack.requests()).as("posts go out in the order of the signals").hasSize(1);
            assertThat(slack.request(0).text()).contains("Circuit breaker opened");
        }

        @Test
        void letsTheNextPostStartTheThreadWhenTheOpeningPostFailed() {
            slack.thenAnswer(200, "{\"ok\":false,\"error\":\"ratelimited\"}");
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));
            listener.onTransition(signal(HALF_OPEN, CLOSED));

            awaitRequests(3);
            assertThat(slack.request(1).json()).doesNotContainKey("thread_ts");
            assertThat(slack.request(2).threadTs()).isEqualTo(slack.request(1).answeredTs());
            assertThat(slack.request(2).broadcast()).isEqualTo(true);
        }
    }

    @Nested
    class Requests {

        @Test
        void postsJsonToChatPostMessageWithTheBearerToken() {
            listener().onTransition(signal(CLOSED, OPEN));

            awaitRequests(1);
            FakeSlack.Request request = slack.request(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/chat.postMessage");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.json()).containsEntry("channel", "#alerts");
        }

        @Test
        void addsAMissingSlashToTheBaseUrl() {
            String baseUrl = slack.baseUrl();
            track(builder().baseUrl(baseUrl.substring(0, baseUrl.length() - 1)).build())
                    .onTransition(signal(CLOSED, OPEN));

            awaitRequests(1);
            assertThat(slack.request(0).path()).isEqualTo("/api/chat.postMessage");
        }

        @Test
        void showsTitleBreakerTransitionTimeAndReason() {
            listener().onTransition(new Signal("payment_api", CLOSED, OPEN, TIME,
                    "FailureRate(0.5): 0.62 over 100 calls"));

            awaitRequests(1);
            assertThat(slack.request(0).text()).isEqualTo("""
                    :red_circle: *Circuit breaker opened*
                    *Breaker:* payment_api
                    *Transition:* CLOSED \u2192 OPEN
                    *Time:* 2026-01-02T03:04:05Z
                    *Reason:* FailureRate(0.5): 0.62 over 100 calls""");
        }

        @Test
        void showsTheTimeInTheConfiguredZone() {
            track(builder().zone(ZoneId.of("Europe/Paris")).build()).onTransition(signal(CLOSED, OPEN));

            awaitRequests(1);
            assertThat(slack.request(0).text()).contains("*Time:* 2026-01-02T04:04:05+01:00");
        }

        @Test
        void escapesTheReasonInWellFormedJson() {
            String reason = "said \"no\"\nback\\slash\ttab\u0001 \u00fcn\u00efc\u00f8d\u00e9 \uD83D\uDEA6 \u2028 {x}";
            listener().onTransition(new Signal("payment_api", CLOSED, OPEN, TIME, reason));

            awaitRequests(1);
            FakeSlack.Request request = slack.request(0);
            assertThat(request.body()).contains("said \\\"no\\\"\\nback\\\\slash\\ttab\\u0001", "\\u2028")
                    .doesNotContain("\n", "\u0001");
            assertThat(request.text()).endsWith("*Reason:* " + reason);
        }

        @Test
        void escapesSlackControlCharactersInNameAndReason() {
            listener().onTransition(new Signal("a<b>&c", CLOSED, OPEN, TIME, "<!channel> & more"));

            awaitRequests(1);
            assertThat(slack.request(0).text()).contains("*Breaker:* a&lt;b&gt;&amp;c")
                    .endsWith("*Reason:* &lt;!channel&gt; &amp; more");
        }
    }

    @Nested
    class Failures {

        @Test
        void logsSlackErrorsWithoutTheTokenAndKeepsPosting() {
            slack.thenAnswer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));

            awaitRequests(2);
            assertThat(logger.entries()).singleElement().satisfies(entry -> {
                assertThat(entry.level()).isEqualTo(Level.WARNING);
                assertThat(entry.message()).contains("'payment_api'", "CLOSED to OPEN", "HTTP 200",
                        "Slack error: channel_not_found").doesNotContain(TOKEN);
            });
        }

        @Test
        void logsServerErrors() {
            slack.thenAnswer(500, "{\"ok\":false,\"error\":\"internal_error\"}").thenAnswer(503, "<html>down</html>");
            SlackListener listener = listener();
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));
            listener.onTransition(signal(HALF_OPEN, OPEN));

            awaitRequests(3);
            eventually().until(() -> logger.entries().size() >= 2);
            assertThat(logger.messages()).satisfiesExactly(
                    first -> assertThat(first).contains("'payment_api'", "HTTP 500, Slack error: internal_error"),
                    second -> assertThat(second).endsWith("failed: HTTP 503"));
            assertThat(logger.messages()).noneMatch(message -> message.contains(TOKEN));
        }

        @Test
        void redactsATokenThatTheServerEchoes() {
            slack.thenAnswer(401, "{\"ok\":false,\"error\":\"invalid_auth: " + TOKEN + "\"}");
            listener().onTransition(signal(CLOSED, OPEN));

            eventually().until(() -> !logger.entries().isEmpty());
            assertThat(logger.messages()).singleElement().asString()
                    .contains("HTTP 401, Slack error: invalid_auth: ****").doesNotContain(TOKEN);
        }

        @Test
        void survivesGarbageResponses() {
            slack.thenAnswer(200, "<html>not json").thenAnswer(200, "{\"ok\":true,\"ts\":").thenAnswer(200, "");
            SlackListener listener = listener();
            listener.onTransition(signal("a", CLOSED, OPEN));
            listener.onTransition(signal("b", CLOSED, OPEN));
            listener.onTransition(signal("c", CLOSED, OPEN));
            listener.onTransition(signal("d", CLOSED, OPEN));
            listener.onTransition(signal("d", OPEN, HALF_OPEN));

            awaitRequests(5);
            assertThat(slack.request(4).threadTs()).isEqualTo(slack.request(3).answeredTs());
            // The truncated answer said "ok": true before it broke off: posted, but without a ts to reply to.
            assertThat(logger.messages()).satisfiesExactly(
                    a -> assertThat(a).contains("'a'", "HTTP 200, Slack error: no \"ok\": true"),
                    c -> assertThat(c).contains("'c'", "HTTP 200, Slack error: no \"ok\": true"));
        }

        @Test
        void logsAnUnreachableServer() {
            String baseUrl = slack.baseUrl();
            slack.close();
            SlackListener listener = track(SlackListener.builder("#alerts", TOKEN).baseUrl(baseUrl).logger(logger)
                    .requestTimeout(Duration.ofSeconds(5)).build());

            listener.onTransition(signal(CLOSED, OPEN));

            eventually().until(() -> !logger.entries().isEmpty());
            assertThat(logger.messages()).singleElement().asString().contains("'payment_api'", "failed: ")
                    .doesNotContain(TOKEN);
        }
    }

    @Nested
    class Threading {

        @Test
        void returnsAtOnceWhileTheServerNeverAnswersAndLogsTheTimeout() {
            CountDownLatch release = slack.holdAnswers();
            SlackListener listener = track(builder().requestTimeout(Duration.ofMillis(200)).build());

            for (int i = 0; i < 100; i++) {
                listener.onTransition(signal(CLOSED, OPEN));
            }

            assertThat(slack.answered()).isZero();
            assertThat(release.getCount()).isOne();
            eventually().until(() -> !logger.entries().isEmpty());
            assertThat(logger.messages().get(0)).contains("'payment_api'", "timed out after PT0.2S");
            release.countDown();
        }

        @Test
        void postsOnTheExecutorNotTheCallersThread() {
            Set<Thread> posters = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            track(pool::shutdownNow);
            SlackListener listener = track(builder().executor(task -> pool.execute(() -> {
                posters.add(Thread.currentThread());
                task.run();
            })).build());

            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));

            awaitRequests(2);
            assertThat(posters).isNotEmpty().doesNotContain(Thread.currentThread());
        }

        @Test
        void keepsEachBreakersOrderUnderConcurrentSignalsOnAMultiThreadedExecutor() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            track(pool::shutdownNow);
            SlackListener listener = track(builder().executor(pool).build());
            List<String> breakers = List.of("a", "b", "c", "d", "e");
            State[] episode = {CLOSED, OPEN, HALF_OPEN, OPEN, HALF_OPEN, CLOSED};
            int episodes = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (String breaker : breakers) {
                Thread thread = new Thread(() -> {
                    awaitUninterruptibly(start);
                    for (int e = 0; e < episodes; e++) {
                        for (int i = 1; i < episode.length; i++) {
                            listener.onTransition(signal(breaker, episode[i - 1], episode[i]));
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }

            int perBreaker = episodes * (episode.length - 1);
            awaitRequests(breakers.size() * perBreaker);
            Map<String, List<FakeSlack.Request>> byBreaker = slack.requests().stream()
                    .collect(Collectors.groupingBy(SlackListenerTests::breakerOf));
            assertThat(byBreaker).containsOnlyKeys(breakers);
            byBreaker.forEach((breaker, requests) -> {
                assertThat(requests).hasSize(perBreaker);
                String threadTs = null;
                for (int i = 0; i < perBreaker; i++) {
                    FakeSlack.Request request = requests.get(i);
                    int step = i % (episode.length - 1);
                    assertThat(request.text()).contains(episode[step] + " \u2192 " + episode[step + 1]);
                    if (step == 0) {
                        assertThat(request.json()).doesNotContainKey("thread_ts");
                        threadTs = request.answeredTs();
                    } else {
                        assertThat(request.threadTs()).as("%s request %d", breaker, i).isEqualTo(threadTs);
                    }
                }
            });
            assertThat(logger.entries()).isEmpty();
        }
    }

    @Nested
    class Closing {

        @Test
        void postsQueuedMessagesBeforeCloseReturns() {
            SlackListener listener = builder().build();
            listener.onTransition(signal(CLOSED, OPEN));
            listener.onTransition(signal(OPEN, HALF_OPEN));
            listener.onTransition(signal(HALF_OPEN, CLOSED));

            listener.close();

            assertThat(slack.requests()).hasSize(3);
        }

        @Test
        void dropsAndLogsSignalsAfterClose() {
            SlackListener listener = builder().build();
            listener.close();
            listener.close();

            listener.onTransition(signal(CLOSED, OPEN));

            assertThat(logger.messages()).singleElement().asString().contains("'payment_api'", "closed");
            assertThat(slack.requests()).isEmpty();
        }

        @Test
        void leavesASuppliedExecutorRunning() {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            track(pool::shutdownNow);
            builder().executor(pool).build().close();

            assertThat(pool.isShutdown()).isFalse();
        }
    }

    @Nested
    class Configuration {

        @Test
        void rejectsBlankChannelAndToken() {
            assertThatIllegalArgumentException().isThrownBy(() -> new SlackListener(" ", TOKEN))
                    .withMessage("SlackListener channel must not be blank");
            assertThatIllegalArgumentException().isThrownBy(() -> new SlackListener("#alerts", ""))
                    .withMessage("SlackListener token must not be blank");
            assertThatNullPointerException().isThrownBy(() -> new SlackListener(null, TOKEN)).withMessage("channel");
            assertThatNullPointerException().isThrownBy(() -> SlackListener.builder("#alerts", null))
                    .withMessage("token");
        }

        @Test
        void rejectsABaseUrlThatIsNotAbsoluteHttp() {
            for (String url : List.of("ftp://example.com/api/", "/api/", "slack.com/api", "http://", "not a url")) {
                assertThatIllegalArgumentException().isThrownBy(() -> SlackListener.builder("#a", TOKEN).baseUrl(url))
                        .withMessage("SlackListener baseUrl must be an absolute http or https URL, got '%s'", url);
            }
        }

        @Test
        void rejectsANonPositiveTimeout() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SlackListener.builder("#a", TOKEN).requestTimeout(Duration.ZERO))
                    .withMessageContaining("requestTimeout must be positive, got PT0S");
        }

        @Test
        void neverShowsTheToken() {
            SlackListener listener = track(new SlackListener("#alerts", TOKEN));

            assertThat(listener).hasToString("SlackListener[channel=#alerts]");
        }
    }

    private static String breakerOf(FakeSlack.Request request) {
        String text = request.text();
        int start = text.indexOf("*Breaker:* ") + "*Breaker:* ".length();
        return text.substring(start, text.indexOf('\n', start));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
