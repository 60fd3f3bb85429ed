package io.fluxgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.fluxgate.listeners.Listener;
import io.fluxgate.trippers.FailureStreak;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyedCircuitBreakerTests {

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Fixture fixture = new Fixture();

    private CircuitBreaker.Builder template() {
        return fixture.builder().tripper(new FailureStreak(1));
    }

    private KeyedCircuitBreaker<String> family(int maxKeys) {
        return KeyedCircuitBreaker.builder(template()).maxKeys(maxKeys).idleEviction(IDLE).build();
    }

    /** Records created and evicted keys as {@code +key} and {@code -key}. */
    private static final class KeyEvents implements KeyedCircuitBreaker.KeyListener<String> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void created(String key, CircuitBreaker breaker) {
            events.add("+" + key);
        }

        @Override
        public void evicted(String key, CircuitBreaker breaker) {
            events.add("-" + key);
        }
    }

    @Nested
    class Lookup {

        @Test
        void buildsAKeysBreakerOnFirstUseAndReturnsTheSameOneAfterwards() {
            KeyedCircuitBreaker<String> hosts = family(10);

            CircuitBreaker a = hosts.forKey("host-a");

            assertThat(hosts.forKey(new String("host-a"))).isSameAs(a);
            assertThat(hosts.forKey("host-b")).isNotSameAs(a);
            assertThat(hosts.size()).isEqualTo(2);
            assertThat(hosts.breakers()).containsOnlyKeys("host-a", "host-b").containsEntry("host-a", a);
        }

        @Test
        void namesEachBreakerAfterTheFamilyAndTheKeySoSignalsSayWhichKey() {
            KeyedCircuitBreaker<String> hosts = family(10);

            CircuitBreaker b = hosts.forKey("host-b");
            Fixture.fail(b);

            assertThat(hosts.name()).isEqualTo("payment_api");
            assertThat(b.name()).isEqualTo("payment_api[host-b]");
            assertThat(fixture.listener.last().circuitName()).isEqualTo("payment_api[host-b]");
            assertThat(fixture.listener.last().newState()).isEqualTo(State.OPEN);
        }

        @Test
        void givesEveryKeyTheTemplatesSettings() {
            KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(template().maxHalfOpenCalls(3)).build();
            CircuitBreaker.Config template = template().maxHalfOpenCalls(3).build().config();

            CircuitBreaker.Config key = hosts.forKey("host-a").config();

            assertThat(key).isEqualTo(new CircuitBreaker.Config("payment_api[host-a]", template.window(),
                    template.tracker(), template.tripper(), template.retry(), template.permit(),
                    template.slowThreshold(), 3, template.maxHalfOpenDuration(), template.measureDurations()));
        }

        @Test
        void copiesTheTemplateWhenBuiltSoLaterChangesToItChangeNothing() {
            CircuitBreaker.Builder template = template();
            KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(template).build();

            template.maxHalfOpenCalls(7);

            assertThat(hosts.forKey("host-a").config().maxHalfOpenCalls())
                    .isEqualTo(CircuitBreaker.Builder.DEFAULT_MAX_HALF_OPEN_CALLS);
        }

        @Test
        void aFailingKeyOpensOnlyItsOwnBreaker() {
            KeyedCircuitBreaker<String> hosts = family(10);

            Fixture.fail(hosts.forKey("host-a"));

            assertThat(hosts.forKey("host-a").state()).isEqualTo(State.OPEN);
            assertThatExceptionOfType(CallNotPermittedException.class)
                    .isThrownBy(() -> Fixture.succeed(hosts.forKey("host-a")))
                    .withMessage("Circuit breaker 'payment_api[host-a]' is OPEN and does not permit calls");
            assertThat(Fixture.succeed(hosts.forKey("host-b"))).isEqualTo("ok");
        }

        @Test
        void getNeitherBuildsABreakerNorKeepsAKeyFromBeingIdle() {
            KeyedCircuitBreaker<String> hosts = family(10);
            CircuitBreaker a = hosts.forKey("host-a");

            assertThat(hosts.get("host-b")).isEmpty();
            fixture.advance(IDLE.minusSeconds(1));
            assertThat(hosts.get("host-a")).containsSame(a);
            hosts.breakers();
            fixture.advance(Duration.ofSeconds(1));

            assertThat(hosts.evictIdle()).isEqualTo(1);
            assertThat(hosts.size()).isZero();
        }

        @Test
        void usesTheDefaultsWhenNotConfigured() {
            KeyedCircuitBreaker<String> hosts = KeyedCircuitBreaker.builder(template()).build();

            assertThat(hosts.maxKeys()).isEqualTo(1_000);
            assertThat(hosts.idleEviction()).isEqualTo(Duration.ofMinutes(10));
            assertThat(hosts).hasToString("KeyedCircuitBreaker[payment_api, 0/1000 keys]");
        }

        @Test
        void rejectsANullKeyNamingTheFamily() {
            KeyedCircuitBreaker<String> hosts = family(10);

            assertThatNullPointerException().isThrownBy(() -> hosts.forKey(null))
                    .withMessage("Keyed circuit breaker 'payment_api': key must not be null");
            assertThatNullPointerException().isThrownBy(() -> hosts.get(null))
                    .withMessage("Keyed circuit breaker 'payment_api': key must not be null");
        }
    }

    @Nested
    class PastMaxKeys {

        @Test
        void aNewKeyFirstDropsEveryIdleClosedKey() {
            KeyedCircuitBreaker<String> hosts = family(3);
            KeyEvents events = new KeyEvents();
            hosts.addKeyListener(events);
            hosts.forKey("idle-1");
            hosts.forKey("idle-2");
            fixture.advance(IDLE.minusMinutes(1));
            hosts.forKey("busy");
            fixture.advance(Duration.ofMinutes(1));

            CircuitBreaker fresh = hosts.forKey("new");

            assertThat(fresh.name()).isEqualTo("payment_api[new]");
            assertThat(hosts.breakers()).containsOnlyKeys("busy", "new");
            assertThat(events.events).hasSize(6).startsWith("+idle-1", "+idle-2", "+busy").endsWith("+new");
            assertThat(events.events.subList(3, 5)).containsExactlyInAnyOrder("-idle-1", "-idle-2");
        }

        @Test
        void aNewKeyDropsTheLeastRecentlyUsedClosedKeyWhenNoneIsIdle() {
            KeyedCircuitBreaker<String> hosts = family(2);
            hosts.forKey("first");
            fixture.advance(Duration.ofMinutes(1));
            hosts.forKey("second");
            fixture.advance(Duration.ofMinutes(1));

            hosts.forKey("third");

            assertThat(hosts.breakers()).containsOnlyKeys("second", "third");
        }

        @Test
        void aLookupMakesAKeyTheMostRecentlyUsed() {
            KeyedCircuitBreaker<String> hosts = family(2);
            hosts.forKey("first");
            fixture.advance(Duration.ofMinutes(1));
            hosts.forKey("second");
            fixture.advance(Duration.ofMinutes(1));
            hosts.forKey("first");

            hosts.forKey("third");

            assertThat(hosts.breakers()).containsOnlyKeys("first", "third");
        }

        @Test
        void neverDropsABreakerThatIsNotClosed() {
            KeyedCircuitBreaker<String> hosts = family(5);
            Fixture.fail(hosts.forKey("open"));
            CircuitBreaker halfOpen = hosts.forKey("half-open");
            Fixture.fail(halfOpen);
            hosts.forKey("forced-open").forceOpen();
            hosts.forKey("disabled").disable();
            hosts.forKey("metrics-only").metricsOnly();
            fixture.advance(Duration.ofSeconds(60));
            halfOpen.acquirePermission();
            fixture.advance(Duration.ofHours(1));
            var before = hosts.breakers();

            assertThat(hosts.evictIdle()).isZero();
            assertThat(hosts.forKey("new")).isSameAs(hosts.overflow());

            assertThat(hosts.breakers()).isEqualTo(before).hasSize(5);
            assertThat(before.values()).extracting(CircuitBreaker::state).containsExactlyInAnyOrder(State.OPEN,
                    State.HALF_OPEN, State.FORCED_OPEN, State.DISABLED, State.METRICS_ONLY);
        }

        @Test
        void whenNoKeyBreakerIsClosedNewKeysRunThroughTheSharedOverflowBreaker() {
            KeyedCircuitBreaker<String> hosts = family(1);
            hosts.forKey("down").forceOpen();

            CircuitBreaker overflow = hosts.forKey("new");

            assertThat(overflow).isSameAs(hosts.overflow()).isSameAs(hosts.forKey("other"));
            assertThat(overflow.name()).isEqualTo("payment_api:overflow");
            assertThat(Fixture.succeed(overflow)).isEqualTo("ok");
            assertThat(overflow.statistics().count(CallOutcome.SUCCESS, false)).isEqualTo(1);
            assertThat(hosts.breakers()).containsOnlyKeys("down");
        }

        @Test
        void theOverflowBreakerGuardsItsCallsLikeAnyBreaker() {
            KeyedCircuitBreaker<String> hosts = family(1);
            hosts.forKey("down").forceOpen();

            Fixture.fail(hosts.forKey("new"));

            assertThatExceptionOfType(CallNotPermittedException.class)
                    .isThrownBy(() -> Fixture.succeed(hosts.forKey("other")))
                    .withMessage("Circuit breaker 'payment_api:overflow' is OPEN and does not permit calls");
        }

        @Test
        void warnsOfOverflowAtMostOnceAMinute() {
            KeyedCircuitBreaker<String> hosts = family(1);
            hosts.forKey("down").forceOpen();

            List<LogRecord> records = CapturedLogs.during(() -> {
                hosts.forKey("new-1");
                hosts.forKey("new-2");
                fixture.advance(Duration.ofSeconds(59));
                hosts.forKey("new-3");
                fixture.advance(Duration.ofSeconds(1));
                hosts.forKey("new-4");
            });

            assertThat(records).hasSize(2)
                    .allSatisfy(record -> assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
            assertThat(records.get(0).getMessage()).isEqualTo("Keyed circuit breaker 'payment_api' is full: all 1 "
                    + "keys (maxKeys) have a breaker that is not CLOSED, so none can be evicted; calls for new keys "
                    + "(this one: 'new-1') run through the shared breaker 'payment_api:overflow' until a key's "
                    + "breaker is CLOSED again (1 such call(s) since the last warning; logged at most once a minute)");
            assertThat(records.get(1).getMessage()).contains("(this one: 'new-4')", "(3 such call(s) since");
        }

        @Test
        void aKeyThatOverflowedGetsItsOwnBreakerOnceAKeyBreakerClosesAgain() {
            KeyedCircuitBreaker<String> hosts = family(1);
            CircuitBreaker down = hosts.forKey("down");
            down.forceOpen();
            assertThat(hosts.forKey("new")).isSameAs(hosts.overflow());

            down.reset();

            assertThat(hosts.forKey("new").name()).isEqualTo("payment_api[new]");
            assertThat(hosts.breakers()).containsOnlyKeys("new");
        }
    }

    @Nested
    class IdleEviction {

        @Test
        void dropsAClosedKeyNotLookedUpForIdleEviction() {
            KeyedCircuitBreaker<String> hosts = family(10);
            CircuitBreaker a = hosts.forKey("host-a");

            fixture.advance(IDLE.minusNanos(1));
            assertThat(hosts.evictIdle()).isZero();
            fixture.advance(Duration.ofNanos(1));
            assertThat(hosts.evictIdle()).isEqualTo(1);

            assertThat(hosts.get("host-a")).isEmpty();
            assertThat(hosts.forKey("host-a")).isNotSameAs(a).extracting(CircuitBreaker::state).isEqualTo(State.CLOSED);
        }

        @Test
        void aLookupKeepsAKeyForAtLeastIdleEvictionAndAtMostOneSweepMore() {
            KeyedCircuitBreaker<String> hosts = family(10);
            hosts.forKey("host-a");
            fixture.advance(Duration.ofMinutes(5));
            hosts.forKey("host-a");
            fixture.advance(Duration.ofMinutes(5));
            assertThat(hosts.evictIdle()).as("the sweep at 10 min sees the lookup at 5 min").isZero();

            fixture.advance(Duration.ofMinutes(5));
            assertThat(hosts.evictIdle()).as("15 min: idle 10 min, but known only as used before 10 min").isZero();
            fixture.advance(Duration.ofMinutes(5));
            assertThat(hosts.evictIdle()).as("20 min: 10 min after the sweep that saw the lookup").isEqualTo(1);
        }

        @Test
        void aNewKeySweepsIdleKeysWithoutBeingFull() {
            KeyedCircuitBreaker<String> hosts = family(10);
            KeyEvents events = new KeyEvents();
            hosts.addKeyListener(events);
            hosts.forKey("host-a");
            fixture.advance(IDLE);

            hosts.forKey("host-b");

            assertThat(events.events).containsExactly("+host-a", "-host-a", "+host-b");
        }

        @Test
        void aNewKeySweepsAtMostEveryTenthOfIdleEviction() {
            KeyedCircuitBreaker<String> hosts = family(10);
            hosts.forKey("host-a");
            fixture.advance(IDLE.minusSeconds(30));
            hosts.forKey("host-b");
            fixture.advance(Duration.ofSeconds(45));

            hosts.forKey("host-c");
            assertThat(hosts.breakers()).as("45 s after a sweep, host-a idle for 10 min 15 s is kept")
                    .containsOnlyKeys("host-a", "host-b", "host-c");

            fixture.advance(Duration.ofSeconds(15));
            hosts.forKey("host-d");
            assertThat(hosts.breakers()).as("a minute after that sweep").containsOnlyKeys("host-b", "host-c",
                    "host-d");
        }

        @Test
        void neverDropsAnOpenBreakerHoweverLongItIsIdle() {
            KeyedCircuitBreaker<String> hosts = family(10);
            CircuitBreaker a = hosts.forKey("host-a");
            Fixture.fail(a);

            fixture.advance(Duration.ofDays(1));

            assertThat(hosts.evictIdle()).isZero();
            assertThat(hosts.forKey("host-a")).isSameAs(a);
        }
    }

    @Nested
    class KeyListeners {

        @Test
        void hearOfExistingCreatedAndEvictedKeysInOrder() {
            KeyedCircuitBreaker<String> hosts = family(1);
            hosts.forKey("existing");
            KeyEvents events = new KeyEvents();

            hosts.addKeyListener(events);
            hosts.forKey("new");

            assertThat(events.events).containsExactly("+existing", "-existing", "+new");
        }

        @Test
        void hearNothingOnceRemoved() {
            KeyedCircuitBreaker<String> hosts = family(10);
            KeyEvents events = new KeyEvents();
            hosts.addKeyListener(events);

            assertThat(hosts.removeKeyListener(events)).isTrue();
            hosts.forKey("host-a");

            assertThat(events.events).isEmpty();
            assertThat(hosts.removeKeyListener(events)).isFalse();
        }

        @Test
        void aListenerThatThrowsIsLoggedAndTheLookupGoesOn() {
            KeyedCircuitBreaker<String> hosts = family(10);
            hosts.addKeyListener(new KeyedCircuitBreaker.KeyListener<String>() {
                @Override
                public void created(String key, CircuitBreaker breaker) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public String toString() {
                    return "Buggy";
                }
            });

            List<LogRecord> records = CapturedLogs.during(() -> Fixture.succeed(hosts.forKey("host-a")));

            assertThat(hosts.breakers()).containsOnlyKeys("host-a");
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getMessage()).isEqualTo("Key listener Buggy of keyed circuit breaker "
                        + "'payment_api' threw on created(host-a); the breaker is used all the same");
                assertThat(record.getThrown()).hasMessage("listener bug");
            });
        }
    }

    @Nested
    class Reconfigure {

        @Test
        void changesEveryKeyInPlaceTheOverflowBreakerAndTheKeysBuiltAfterwards() {
            KeyedCircuitBreaker<String> hosts = family(10);
            CircuitBreaker a = hosts.forKey("host-a");
            CircuitBreaker b = hosts.forKey("host-b");
            Fixture.fail(b);
            fixture.advance(Duration.ofSeconds(5));

            List<Reconfiguration> changes = hosts.reconfigure(template -> template.tripper(new FailureStreak(3)));

            assertThat(changes).extracting(Reconfiguration::circuitName)
                    .containsExactly("payment_api[host-a]", "payment_api[host-b]", "payment_api:overflow");
            assertThat(changes).extracting(Reconfiguration::state)
                    .containsExactly(State.CLOSED, State.OPEN, State.CLOSED);
            assertThat(hosts.forKey("host-a")).isSameAs(a);
            assertThat(hosts.forKey("host-b")).isSameAs(b);
            assertThat(b.state()).isEqualTo(State.OPEN);
            assertThat(b.info().reopens()).isZero();
            assertThat(a.config().tripper()).isEqualTo(new FailureStreak(3));
            assertThat(b.config().tripper()).isEqualTo(new FailureStreak(3));
            assertThat(hosts.overflow().config().tripper()).isEqualTo(new FailureStreak(3));
            CircuitBreaker c = hosts.forKey("host-c");
            assertThat(c.config().tripper()).isEqualTo(new FailureStreak(3));
            Fixture.fail(c);
            Fixture.fail(c);
            assertThat(c.state()).isEqualTo(State.CLOSED);
            Fixture.fail(c);
            assertThat(c.state()).isEqualTo(State.OPEN);
            assertThat(fixture.listener.reconfigurations).hasSize(3);
        }

        @Test
        void givesTheNewListenersToEveryKeyAndAttachesThemToEach() {
            KeyedCircuitBreaker<String> hosts = family(10);
            hosts.forKey("host-a");
            RecordingListener added = new RecordingListener();
            List<String> attached = new CopyOnWriteArrayList<>();

            hosts.reconfigure(template -> template.noListeners().listener(added).listener(new Listener() {
                @Override
                public void onTransition(Signal signal) {
                }

                @Override
                public void attached(String circuitName) {
                    attached.add(circuitName);
                }
            }));
            Fixture.fail(hosts.forKey("host-b"));

            assertThat(attached)
                    .containsExactly("payment_api[host-a]", "payment_api:overflow", "payment_api[host-b]");
            assertThat(added.events)
                    .containsExactly("reconfigured in CLOSED", "reconfigured in CLOSED", "CLOSED->OPEN");
            assertThat(fixture.listener.events).isEmpty();
        }

        @Test
        void refusesABadTemplateARenameAnotherTickerAndNoBuilderAndChangesNothing() {
            KeyedCircuitBreaker<String> hosts = family(10);
            CircuitBreaker a = hosts.forKey("host-a");
            CircuitBreaker.Config before = a.config();

            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> hosts.reconfigure(t -> t.measureDurations(false)
                            .slowThreshold(Duration.ofSeconds(1))))
                    .withMessageStartingWith("Circuit breaker 'payment_api': slowThreshold 1s");
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> hosts.reconfigure(t -> CircuitBreaker.builder("other")))
                    .withMessage("Keyed circuit breaker 'payment_api': a reconfiguration cannot rename it"
                            + " (got 'other'); build a new family for another name");
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> hosts.reconfigure(t -> t.ticker(() -> 0)))
                    .withMessageContaining("cannot change the ticker or clock of a running family");
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> hosts.reconfigure(t -> null))
                    .withMessage("Keyed circuit breaker 'payment_api': the reconfiguration returned no builder");

            assertThat(a.config()).isEqualTo(before);
            assertThat(hosts.forKey("host-b").config().tripper()).isEqualTo(before.tripper());
            assertThat(fixture.listener.reconfigurations).isEmpty();
        }
    }
}
