package io.fluxgate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the {@code io.fluxgate} logger receives while an action runs, kept from the console. Without a
 * {@code System.LoggerFinder} on the class path, {@code System.Logger} is backed by java.util.logging.
 */
public final class CapturedLogs {

    private CapturedLogs() {
    }

    /**
     * Runs {@code action} with the {@code io.fluxgate} logger's records captured.
     *
     * @param action what should log
     * @return the records, in order
     */
    public static List<LogRecord> during(Runnable action) {
        Logger jul = Logger.getLogger("io.fluxgate");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
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
            action.run();
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(useParentHandlers);
        }
        return records;
    }
}
