package io.fluxgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Soak (issue 6, item 7): eight HTTP clients charge and refund for {@link #DRIVE} while the chaos switch flips
 * between a healthy provider and one failing every call (5xx, cut connections, timeouts). Every request must
 * get exactly one answer, and afterwards the Prometheus counts of both breakers must match what the clients
 * counted, answer kind by answer kind, as the sample's fallbacks map them:
 * <ul>
 *   <li>{@code charged} / {@code refunded} (the provider answered): outcome {@code success};</li>
 *   <li>{@code queued} (a fallback got {@code CallNotPermittedException}): outcome {@code rejected};</li>
 *   <li>{@code failed} and {@code declined} (a fallback got the call's exception): outcome {@code failure}
 *       (tracked) or {@code ignored} (a 4xx, which the tracker leaves alone).</li>
 * </ul>
 * Only loopback traffic; pass or fail depends on counts, not on timing.
 */
@Tag("soak")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fluxgate.breakers.payment_api.retry=Backoff(initial=500ms, multiplier=2, max_duration=2s)",
        "fluxgate.breakers.refund_api.retry=Cooldown(1s)",
        "spring.http.clients.read-timeout=300ms",
        "logging.level.io.fluxgate=WARN" })
class SoakTests {

    private static final Duration DRIVE = Duration.ofSeconds(30);
    private static final Duration FLIP_EVERY = Duration.ofMillis(2500);
    private static final int CLIENTS = 8;
    private static final int MAX_REQUESTS = 40_000;
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final String[] CHAOS = { "{\"failureRate\":1.0,\"errorKind\":\"5xx\"}", "{\"failureRate\":0.0}",
            "{\"failureRate\":1.0,\"errorKind\":\"reset\"}", "{\"failureRate\":0.0}",
            "{\"failureRate\":1.0,\"errorKind\":\"timeout\"}", "{\"failureRate\":0.5,\"errorKind\":\"5xx\"}" };

    private SampleHttp http;

    @LocalServerPort
    private int port;

    @Test
    void everyRequestGetsOneAnswerAndTheMetricsAgreeWithTheClients() throws Exception {
        this.http = new SampleHttp(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), this.port,
                Duration.ofSeconds(20));
        assertThat(this.http.getJson("/demo/traffic/status").path("callsInFlight").asInt()).isZero();
        Map<String, Long> before = callCounts();

        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            threads.add(start("soak-client-" + c, () -> {
                await(start);
                for (int i = 0; !stop.get() && sent.incrementAndGet() <= MAX_REQUESTS; i++) {
                    boolean charge = (client + i) % 2 == 0;
                    String amount = charge && i % 10 == 3 ? "-5" : "10"; // some charges the provider declines
                    String path = charge ? "/payments/charge?amount=" + amount : "/payments/refund?amount=10";
                    String kind = answer(path, unexpected);
                    answers.computeIfAbsent((charge ? "charge:" : "refund:") + kind, k -> new LongAdder())
                            .increment();
                }
            }));
        }
        Thread chaos = start("soak-chaos", () -> {
            await(start);
            for (int i = 0; !stop.get(); i++) {
                try {
                    this.http.send("POST", "/chaos", CHAOS[i % CHAOS.length]);
                    Thread.sleep(FLIP_EVERY.toMillis());
                } catch (InterruptedException ex) {
                    return;
                } catch (IOException ex) {
                    unexpected.add("chaos switch: " + ex);
                }
            }
        });

        start.countDown();
        Thread.sleep(DRIVE.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
        }
        chaos.interrupt();
        chaos.join(Duration.ofSeconds(10).toMillis());
        this.http.send("DELETE", "/chaos", null);

        long requests = Math.min(sent.get(), MAX_REQUESTS);
        long answered = answers.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat(unexpected).as("answers other than 200 with a payment result").isEmpty();
        assertThat(answered).as("one answer per request").isEqualTo(requests);
        assertThat(answers.keySet()).as("answer kinds seen: %s", answers)
                .contains("charge:charged", "charge:queued", "charge:failed", "charge:declined",
                        "refund:refunded", "refund:failed");

        Map<String, Long> after = callCounts();
        assertThat(delta(after, before, "payment_api", "success")).as("charged").isEqualTo(count(answers,
                "charge:charged"));
        assertThat(delta(after, before, "payment_api", "rejected")).as("charges queued").isEqualTo(count(answers,
                "charge:queued"));
        assertThat(delta(after, before, "payment_api", "failure") + delta(after, before, "payment_api", "ignored"))
                .as("charges failed or declined")
                .isEqualTo(count(answers, "charge:failed") + count(answers, "charge:declined"));
        assertThat(delta(after, before, "payment_api", "ignored")).as("declined charges are ignored, never failures")
                .isGreaterThanOrEqualTo(count(answers, "charge:declined"));
        assertThat(delta(after, before, "refund_api", "success")).as("refunded").isEqualTo(count(answers,
                "refund:refunded"));
        assertThat(delta(after, before, "refund_api", "rejected")).as("refunds queued").isEqualTo(count(answers,
                "refund:queued"));
        assertThat(delta(after, before, "refund_api", "failure") + delta(after, before, "refund_api", "ignored"))
                .as("refunds failed").isEqualTo(count(answers, "refund:failed"));

        String scrape = this.http.send("GET", "/actuator/prometheus", null).body();
        for (String name : List.of("payment_api", "refund_api")) {
            JsonNode breaker = this.http.getJson("/actuator/fluxgate/" + name);
            String state = breaker.path("state").asString();
            assertThat(scrape).as("the endpoint's state of %s is the gauge's", name)
                    .contains("fluxgate_state{name=\"" + name + "\",state=\"" + state.toLowerCase() + "\"} 1.0");
            JsonNode metric = breaker.path("metric");
            assertThat(metric.path("failureCount").asLong()).isBetween(0L, metric.path("totalCount").asLong());
            assertThat(metric.path("totalCount").asLong()).isLessThanOrEqualTo(20); // CountWindow(20)
            long opened = transitions(scrape, name, "closed", "open");
            List<String> recent = new ArrayList<>();
            breaker.path("recentTransitions").values().forEach(t -> recent.add(t.path("from").asString() + "->"
                    + t.path("to").asString()));
            if (count(answers, (name.equals("payment_api") ? "charge" : "refund") + ":queued") > 0) {
                assertThat(opened).as("%s opened, since clients were queued", name).isPositive();
                assertThat(recent).as("%s transitions", name).isNotEmpty();
            }
            assertThat(recent.stream().filter("CLOSED->OPEN"::equals).count())
                    .as("%s: the endpoint's recent openings are among the counted ones", name)
                    .isLessThanOrEqualTo(opened);
        }
        assertThat(this.http.getJson("/demo/traffic/status").path("callsInFlight").asInt())
                .as("the demo traffic generator stayed off").isZero();
    }

    /** Sends one request and names its answer: the payment result's status, or {@code error} when none. */
    private String answer(String path, List<String> unexpected) {
        try {
            HttpResponse<String> response = this.http.send("POST", path, null);
            Matcher status = STATUS.matcher(response.body());
            if (response.statusCode() != 200 || !status.find()) {
                unexpected.add(path + " -> " + response.statusCode() + " " + response.body());
                return "error";
            }
            return status.group(1);
        } catch (IOException | InterruptedException ex) {
            unexpected.add(path + " -> no answer: " + ex);
            return "none";
        }
    }

    /** {@code name/outcome -> count} from the Prometheus scrape, summed over {@code slow}. */
    private Map<String, Long> callCounts() throws IOException, InterruptedException {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        Pattern line = Pattern.compile("^fluxgate_calls_seconds_count\\{name=\"([^\"]+)\",outcome=\"([a-z]+)\","
                + "slow=\"(?:true|false)\"} ([0-9.E+]+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(this.http.send("GET", "/actuator/prometheus", null).body());
        while (matcher.find()) {
            counts.merge(matcher.group(1) + "/" + matcher.group(2), (long) Double.parseDouble(matcher.group(3)),
                    Long::sum);
        }
        assertThat(counts).containsKeys("payment_api/success", "refund_api/success");
        return counts;
    }

    private static long transitions(String scrape, String name, String from, String to) {
        Matcher matcher = Pattern.compile("^fluxgate_transitions_total\\{from=\"" + from + "\",name=\"" + name
                + "\",to=\"" + to + "\"} ([0-9.E+]+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String name, String outcome) {
        String key = name + "/" + outcome;
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    private static long count(Map<String, LongAdder> answers, String kind) {
        LongAdder adder = answers.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }


}
