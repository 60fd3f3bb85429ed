package io.fluxgate.slack;

import io.fluxgate.Signal;
import io.fluxgate.State;

/** Renders the {@code chat.postMessage} request body for one transition. */
final class SlackMessage {

    private SlackMessage() {
    }

    /**
     * The body of a top-level message ({@code threadTs} null) or of a reply in the thread {@code threadTs}, also
     * shown in the channel when {@code broadcast}.
     */
    static String json(String channel, Signal signal, String time, String threadTs, boolean broadcast) {
        StringBuilder json = new StringBuilder(256).append("{\"channel\":");
        SlackJson.appendString(json, channel).append(",\"text\":");
        SlackJson.appendString(json, text(signal, time));
        json.append(",\"unfurl_links\":false,\"unfurl_media\":false");
        if (threadTs != null) {
            SlackJson.appendString(json.append(",\"thread_ts\":"), threadTs);
            if (broadcast) {
                json.append(",\"reply_broadcast\":true");
            }
        }
        return json.append('}').toString();
    }

    static String text(Signal signal, String time) {
        return title(signal.oldState(), signal.newState())
                + "\n*Breaker:* " + escape(signal.circuitName())
                + "\n*Transition:* " + signal.oldState() + " \u2192 " + signal.newState()
                + "\n*Time:* " + time
                + "\n*Reason:* " + escape(signal.reason());
    }

    static String title(State from, State to) {
        return switch (to) {
            case OPEN -> from == State.HALF_OPEN ? ":red_circle: *Circuit breaker reopened*"
                    : ":red_circle: *Circuit breaker opened*";
            case HALF_OPEN -> ":large_yellow_circle: *Circuit breaker half-open: probing*";
            case CLOSED -> from.isOpen() || from == State.HALF_OPEN ? ":large_green_circle: *Circuit breaker recovered*"
                    : ":large_green_circle: *Circuit breaker closed*";
            case FORCED_OPEN -> ":no_entry: *Circuit breaker forced open*";
            case DISABLED -> ":white_circle: *Circuit breaker disabled*";
            case METRICS_ONLY -> ":large_blue_circle: *Circuit breaker in metrics-only mode*";
        };
    }

    /** Slack's text escaping: only {@code &}, {@code <} and {@code >} are control characters in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
