package io.fluxgate.spring.http;

import java.net.URI;
import java.util.Locale;

/**
 * The default key of a request: its host and port, {@code payments.internal:443}. The port is part of it because
 * two ports on one host are usually two services (and are, for servers on random ports in tests); a URI without
 * one gets its scheme's default, so {@code https://a} and {@code https://a:443} are one key. User information is
 * left out, so credentials never end up in a breaker's name, logs or metrics.
 */
final class HostAndPort {

    private HostAndPort() {
    }

    static String of(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("Cannot key a request by host and port: its URI has no host "
                    + "(scheme '" + uri.getScheme() + "'); give the interceptor or filter a key function");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
        String lowerCase = host.toLowerCase(Locale.ROOT);
        return port == -1 ? lowerCase : lowerCase + ":" + port;
    }

    private static int defaultPort(String scheme) {
        if ("http".equalsIgnoreCase(scheme) || "ws".equalsIgnoreCase(scheme)) {
            return 80;
        }
        return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? 443 : -1;
    }
}
