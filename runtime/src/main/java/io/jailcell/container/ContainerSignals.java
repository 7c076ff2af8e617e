package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Errno;
import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.Signals;
import io.jailcell.linux.Syscalls;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signals to containers' programs and the wait for their exit, for {@link ContainerEngine}'s kill, stop, remove
 * and await. The exit is seen in the state files, so any JVM can wait for any container.
 */
final class ContainerSignals {
    private static final Duration POLL = Duration.ofMillis(5);

    private final Syscalls sys;
    private final StateStore states;
    private final Reconciler reconciler;

    ContainerSignals(Syscalls sys, StateStore states, Reconciler reconciler) {
        this.sys = sys;
        this.states = states;
        this.reconciler = reconciler;
    }

    /** As {@link ContainerEngine#await}. */
    ContainerRecord await(String nameOrId, Duration timeout) {
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        String id = states.resolve(nameOrId);
        for (;;) {
            Optional<ContainerRecord> r = reconciler.load(id);
            if (r.isEmpty()) {
                throw new ContainerException(Kind.NOT_FOUND, "container " + nameOrId + " was removed while waiting");
            }
            if (r.get().status() == ContainerStatus.EXITED || r.get().status() == ContainerStatus.DEAD
                    || (r.get().status() == ContainerStatus.CREATED)) {
                return r.get();
            }
            if (Instant.now().isAfter(deadline)) {
                return r.get();
            }
            sleep(POLL);
        }
    }

    /** As {@link ContainerEngine#kill}, to {@code r} as just looked up. */
    void kill(ContainerRecord r, int signal) {
        if (r.status() != ContainerStatus.RUNNING || !Host.isSameProcess(r.pid(), r.pidTicks())) {
            throw new ContainerException(Kind.STATE, "Cannot kill container: " + r.name() + " is not running");
        }
        try {
            sys.kill(r.pid(), signal);
        } catch (KernelException e) {
            if (e.errno() != Errno.ESRCH) {
                throw new ContainerException(Kind.STATE, "kill " + r.name() + ": " + e.getMessage());
            }
        }
    }

    /** As {@link ContainerEngine#stop}, for {@code r} as just looked up. */
    ContainerRecord stop(ContainerRecord r, Duration grace) {
        if (r.status() != ContainerStatus.RUNNING) {
            return r;
        }
        signalQuietly(r, Signals.SIGTERM);
        ContainerRecord after = await(r.id(), grace);
        if (after.status() == ContainerStatus.RUNNING) {
            signalQuietly(r, Signals.SIGKILL);
            after = await(r.id(), Duration.ofSeconds(30));
        }
        return after;
    }

    /** Sends {@code signal} to the program of {@code r} if it still runs. */
    void signalQuietly(ContainerRecord r, int signal) {
        if (Host.isSameProcess(r.pid(), r.pidTicks())) {
            try {
                sys.kill(r.pid(), signal);
            } catch (KernelException e) {
                // it exited meanwhile
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException(Kind.STATE, "interrupted while waiting");
        }
    }
}
