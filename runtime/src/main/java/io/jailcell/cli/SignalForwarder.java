package io.jailcell.cli;

import io.jailcell.api.Container;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Passes SIGINT, SIGTERM and SIGHUP that this JVM receives on to the foreground container's program, as
 * {@code docker run} does (its {@code --sig-proxy}), instead of letting the JVM exit and leave it running.
 * A signal that arrives before the program runs is retried until it does (for up to two seconds).
 */
final class SignalForwarder implements SignalHandler, AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};
    private static final int ATTEMPTS = 100;
    private static final long RETRY_MILLIS = 20;

    private final Container container;
    private final Signal[] signals = new Signal[SIGNALS.length];
    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
    private volatile boolean closed;

    private SignalForwarder(Container container) {
        this.container = container;
    }

    /** Takes over the signals until {@link #close()}. */
    static SignalForwarder install(Container container) {
        SignalForwarder f = new SignalForwarder(container);
        for (int i = 0; i < SIGNALS.length; i++) {
            try {
                Signal s = new Signal(SIGNALS[i]);
                f.previous[i] = Signal.handle(s, f);
                f.signals[i] = s;
            } catch (IllegalArgumentException e) {
                // ignored by our parent (nohup, a background job), or reserved by the JVM: leave it alone
            }
        }
        return f;
    }

    /** Runs on a thread of its own for each signal the JVM receives. */
    @Override
    public void handle(Signal signal) {
        for (int attempt = 0; attempt < ATTEMPTS && !closed; attempt++) {
            try {
                container.kill(signal.getName());
                return;
            } catch (RuntimeException e) {
                // not running yet, or already gone: try again; the run ends on its own
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < SIGNALS.length; i++) {
            if (signals[i] != null) {
                Signal.handle(signals[i], previous[i]);
            }
        }
    }
}
