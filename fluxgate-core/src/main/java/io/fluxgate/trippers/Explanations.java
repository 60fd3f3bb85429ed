package io.fluxgate.trippers;

/** Wording shared by the leaf trippers' explanations. */
final class Explanations {

    private Explanations() {
    }

    static String calls(long count) {
        return count == 1 ? "1 call" : count + " calls";
    }
}
