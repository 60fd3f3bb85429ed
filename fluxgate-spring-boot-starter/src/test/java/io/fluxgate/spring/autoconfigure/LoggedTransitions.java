package io.fluxgate.spring.autoconfigure;

import io.fluxgate.CircuitBreaker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the {@code io.fluxgate} logger says while a breaker is forced open: a breaker built with a {@code log}
 * listener says one line, one without says nothing. (Without a {@code System.LoggerFinder} on the class path, as in
 * these context-runner tests, {@code System.Logger} is backed by java.util.logging.)
 */
final class LoggedTransitions {

    private LoggedTransitions() {
    }

    static List<String> whenForcedOpen(CircuitBreaker breaker) {
        Logger jul = Logger.getLogger("io.fluxgate");
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean useParentHandlers = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false);
        jul.addHandler(handler);
        try {
            breaker.forceOpen();
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(useParentHandlers);
        }
        return messages;
    }
}
