package io.fluxgate.spring.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a random loopback port, standing for one host: it answers every request with the status it
 * is set to and counts the requests that reached it.
 */
final class TestHost implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status;

    private TestHost(int status) {
        this.status = status;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("status " + this.status).getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(this.status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** A host that answers with {@code status} until told otherwise. */
    static TestHost answering(int status) {
        return new TestHost(status);
    }

    /** A loopback URL on which nothing listens: connecting is refused. */
    static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the following requests answer with {@code status}. */
    void answer(int status) {
        this.status = status;
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://" + key();
    }

    /** The key the default key function gives this host's requests: {@code 127.0.0.1:<port>}. */
    String key() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached this host. */
    int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
