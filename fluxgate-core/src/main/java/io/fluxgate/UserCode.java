package io.fluxgate;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The one guard around user components and listeners (Caffeine's {@code GuardedStatsCounter} idea): whatever they
 * throw — checked exceptions thrown sneakily, as Kotlin code may, and {@link Error}s other than
 * {@link VirtualMachineError} included — is logged, and the caller goes on as its own guard says; it never replaces
 * the caller's own outcome. The call itself stays at the call site, and only the {@code catch} comes here, so the
 * call path allocates nothing for the guard: the message supplier is built only when something was thrown.
 *
 * <pre>{@code
 * try {
 *     return tracker.test(error);
 * } catch (Throwable e) {
 *     UserCode.threw(e, () -> "Tracker " + tracker + " threw; the call counts as a failure");
 *     return true;
 * }
 * }</pre>
 */
final class UserCode {

    private static final System.Logger LOG = System.getLogger("io.fluxgate");

    private UserCode() {
    }

    /**
     * Handles what user code threw: rethrows a {@link VirtualMachineError} (the JVM is in trouble; nothing to guard),
     * logs anything else as a warning with {@code what} happened instead.
     */
    static void threw(Throwable thrown, Supplier<String> what) {
        if (thrown instanceof VirtualMachineError error) {
            throw error;
        }
        LOG.log(Level.WARNING, what, thrown);
    }
}
