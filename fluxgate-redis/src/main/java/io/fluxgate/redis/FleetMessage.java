package io.fluxgate.redis;

import io.fluxgate.State;
import java.time.Instant;
import java.util.Optional;

/**
 * What travels in Redis: a breaker's state in an instance's hash, a transition or a command on the fleet's
 * channel, a standing command under its key. Tab-separated text that {@code redis-cli} shows as it is:
 * {@code transition<TAB>instance<TAB>breaker<TAB>state<TAB>changedAt<TAB>reason}, and likewise for
 * {@code state} (a hash value, without instance and breaker) and {@code command} (state, sender and id).
 * Tabs and line breaks in a reason become spaces.
 *
 * @param kind      {@code state}, {@code transition} or {@code command}
 * @param instance  the sender, or the instance whose state it is
 * @param breaker   the breaker's name
 * @param state     the breaker's state, or the state a command sets
 * @param changedAt when the state was entered or the command sent
 * @param text      the reason of a state or transition; a command's id
 */
record FleetMessage(String kind, String instance, String breaker, State state, Instant changedAt, String text) {

    static final String STATE = "state";
    static final String TRANSITION = "transition";
    static final String COMMAND = "command";

    private static final String TAB = "\t";

    /** The hash value of a breaker's state: {@code state<TAB>changedAt<TAB>reason}. */
    String hashValue() {
        return state + TAB + changedAt + TAB + clean(text);
    }

    /** The channel or command-key form, with every field. */
    String encoded() {
        return kind + TAB + instance + TAB + breaker + TAB + state + TAB + changedAt + TAB + clean(text);
    }

    static Optional<FleetMessage> ofHashValue(String instance, String breaker, String value) {
        String[] fields = value.split(TAB, 3);
        if (fields.length < 3) {
            return Optional.empty();
        }
        return parse(STATE, instance, breaker, fields[0], fields[1], fields[2]);
    }

    static Optional<FleetMessage> decode(String encoded) {
        String[] fields = encoded.split(TAB, 6);
        if (fields.length < 6) {
            return Optional.empty();
        }
        return parse(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    private static Optional<FleetMessage> parse(String kind, String instance, String breaker, String state,
            String changedAt, String text) {
        try {
            return Optional.of(new FleetMessage(kind, instance, breaker, State.valueOf(state),
                    Instant.parse(changedAt), text));
        } catch (RuntimeException foreign) { // another version's or another tool's message: not ours to act on
            return Optional.empty();
        }
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
