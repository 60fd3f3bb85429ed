package io.fluxgate.spring.autoconfigure;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names and keys: the closest candidate by edit distance (Levenshtein) between the names
 * normalised as Spring Boot compares them, in lower case without {@code -} and {@code _}. So {@code payment-api}
 * and {@code PaymentApi} are at distance 0 from {@code payment_api}, {@code paymnet_api} at 2, and
 * {@code slow-treshold} at 1 from {@code slow-threshold}. A candidate is close when the distance is at most 2
 * and at most a third of the longer name; a name with only case, {@code -} or {@code _} differences always is.
 */
final class Spelling {

    private static final int MAX_DISTANCE = 2;

    private Spelling() {
    }

    /**
     * The candidate closest to {@code written}, when one is close; the first of equally close ones.
     *
     * @param written    the name as written
     * @param candidates the valid names, in the order to prefer them
     * @return the closest candidate other than {@code written} itself, or empty when none is close
     */
    static Optional<String> closest(String written, Collection<String> candidates) {
        String name = normalise(written);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(written)) {
                continue;
            }
            String other = normalise(candidate);
            int distance = distance(name, other);
            if (distance < bestDistance && distance <= Math.min(MAX_DISTANCE, Math.max(name.length(),
                    other.length()) / 3)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Lower case, without {@code -} and {@code _}: {@code Payment_API} becomes {@code paymentapi}. */
    static String normalise(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The Levenshtein distance: how many characters to insert, delete or replace to turn one into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
