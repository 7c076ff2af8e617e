package io.jailcell.container;

import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.linux.helper.HelperSession;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A process this JVM started (a container's program or an exec) and still follows. {@link #await()} blocks until
 * it exits; the helper reports the status over its socket.
 */
public final class Running implements AutoCloseable {
    private final HelperSession session;
    private final Consumer<ExitInfo> onExit;
    private volatile ExitInfo exit;

    Running(HelperSession session, Consumer<ExitInfo> onExit) {
        this.session = session;
        this.onExit = onExit;
    }

    /** The program's pid on the host. */
    public int pid() {
        return session.pid();
    }

    /** The helper process, whose stdio is the program's (for piped output). */
    public Process helperProcess() {
        return session.process();
    }

    /** Blocks until the program exits; empty when the helper died without saying how. */
    public synchronized Optional<ExitInfo> await() {
        if (exit == null) {
            Optional<ExitInfo> result = session.awaitExit();
            session.close();
            exit = result.orElse(null);
            onExit.accept(exit);
        }
        return Optional.ofNullable(exit);
    }

    /** Stops following; the program runs on and its helper records the exit in the state directory. */
    @Override
    public void close() {
        session.detach();
    }
}
