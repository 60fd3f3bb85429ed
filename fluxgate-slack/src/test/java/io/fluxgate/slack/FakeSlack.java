package io.fluxgate.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers like Slack's {@code chat.postMessage}: {@code {"ok":true,"ts":...}} with an
 * increasing {@code ts}, unless a test scripted another answer. Records every request when it arrives.
 */
final class FakeSlack implements AutoCloseable {

    /** What the server received, and the {@code ts} it answered with ({@code null} for a scripted answer). */
    record Request(String method, String path, Map<String, List<String>> headers, String body, String answeredTs) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }

        Map<String, Object> json() {
            return StrictJson.parseObject(body);
        }

        String text() {
            return (String) json().get("text");
        }

        Object threadTs() {
            return json().get("thread_ts");
        }

        Object broadcast() {
            return json().get("reply_broadcast");
        }
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextTs = new AtomicInteger(100);
    private final AtomicInteger answered = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    FakeSlack() {
        // The server writes headers and body separately; without TCP_NODELAY, Nagle meets delayed ACKs: 40 ms a post.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static String ts(int sequence) {
        return String.format("1700000000.%06d", sequence);
    }

    /** The base URL to give the listener. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Answers the next request (one not yet received) with {@code status} and {@code body}. */
    FakeSlack thenAnswer(int status, String body) {
        scripted.add(new Answer(status, body));
        return this;
    }

    /** Holds every answer until the returned latch is released. */
    CountDownLatch holdAnswers() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request request(int index) {
        return requests.get(index);
    }

    int answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            Answer answer = scripted.poll();
            String ts = null;
            if (answer == null) {
                ts = ts(nextTs.getAndIncrement());
                answer = new Answer(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"" + ts + "\"}");
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, ts));
            hold.await();
            byte[] bytes = answer.body().getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            answered.incrementAndGet();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
