package io.fluxgate;

/**
 * How a call through a breaker ended, as counted by {@link CallStatistics}.
 */
public enum CallOutcome {

    /** The call returned normally. */
    SUCCESS,

    /** The call threw something the tracker counts as a failure. */
    FAILURE,

    /** The call threw something the tracker does not count: rethrown, not recorded in the window. */
    IGNORED,

    /** The breaker did not let the call run. */
    REJECTED
}
