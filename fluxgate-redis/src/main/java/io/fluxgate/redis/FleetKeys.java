package io.fluxgate.redis;

/**
 * The Redis keys and channel of one fleet, all under {@code fluxgate:<fleet>:}.
 *
 * @param fleet the fleet's name
 */
record FleetKeys(String fleet) {

    /** The hash of one instance: a field per breaker, expiring unless the instance heartbeats. */
    String instance(String id) {
        return prefix() + "instance:" + id;
    }

    /** The sorted set of instance ids, scored by their last heartbeat's epoch milliseconds. */
    String instances() {
        return prefix() + "instances";
    }

    /** The standing fleet-wide command for one breaker, expiring after {@code fluxgate.fleet.command-ttl}. */
    String command(String breaker) {
        return prefix() + "command:" + breaker;
    }

    /** The pub/sub channel of transitions and commands. */
    String events() {
        return prefix() + "events";
    }

    private String prefix() {
        return "fluxgate:" + fleet + ":";
    }
}
