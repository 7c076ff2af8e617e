package io.jailcell.kernel;

import io.jailcell.kernel.magic.CellSkipped;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The {@code jailcell} Jupyter kernel: Java cells run by JShell with the jailcell API imported, on jjava-jupyter's
 * protocol handling. Output printed by a cell streams to the notebook line by line, the last expression's value
 * is the cell's result, and a failure is a one-line error.
 *
 * <pre>{@code
 * JailcellKernel kernel = JailcellKernel.builder()
 *         .session(() -> JShellSession.start(CellClasspath.forRuntime(), JShellSession.DEFAULT_IMPORTS))
 *         .build();
 * kernel.becomeHandlerForConnection(connection);   // see KernelMain
 * }</pre>
 */
public final class JailcellKernel extends BaseKernel {
    private final CompletableFuture<JShellSession> session;
    private final MagicRunner magics = new MagicRunner();
    /** An interrupt came while the cell waited for the Java shell to start: the cell stops once it has. */
    private volatile boolean interrupted;
    /** The thread running a magic now, which an interrupt interrupts (live views and pulls end on it). */
    private Thread magicThread;
    private final Object magicLock = new Object();

    private JailcellKernel(Builder b, CompletableFuture<JShellSession> session) {
        super(b.kernelName(), b.kernelVersion(), languageInfo(), List.of(), b.historyManagerOrNull(),
                b.io(), b.commManager(), b.renderer(), null, b.magicsRegistry(), b.extensions(), b.errorStyler());
        this.session = session;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                "java", "script");
    }

    /** A builder; the session supplier runs on a background thread so the kernel answers Jupyter meanwhile. */
    public static Builder builder() {
        return new Builder();
    }

    private JShellSession session() {
        try {
            JShellSession s = session.join();
            if (interrupted) {
                throw new CellError("Interrupted");
            }
            return s;
        } catch (CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new CellError("the Java shell did not start: " + c.getMessage());
        }
    }

    /**
     * Runs a cell: Java through JShell, magics ({@code %name ...} lines, a {@code %%name} first line) straight
     * through the magics registry, without compiling anything; the last part's value is the cell's result.
     */
    @Override
    public Object evalRaw(String source) {
        interrupted = false;
        Object v = null;
        try {
            for (MagicCells.Part p : MagicCells.parse(source)) {
                v = switch (p.kind()) {
                    case JAVA -> session().eval("\n".repeat(p.line()) + p.args()).orElse(null);
                    case LINE, CELL -> magic(p);
                };
            }
        } catch (CellSkipped skipped) {      // %needs: the cell cannot run here, which is not an error
            getIO().out.println(skipped.getMessage());
            getIO().out.flush();
            return null;
        }
        return v == JShellSession.NullValue.INSTANCE ? "null" : v;
    }

    private Object magic(MagicCells.Part p) {
        synchronized (magicLock) {
            if (interrupted) {
                throw new CellError("Interrupted");
            }
            magicThread = Thread.currentThread();
        }
        Object v;
        try {
            v = magics.run(this, p);
        } finally {
            synchronized (magicLock) {
                magicThread = null;
                Thread.interrupted(); // an interrupt that came as the magic ended must not hit the next cell
            }
        }
        if (interrupted) {
            throw new CellError("Interrupted"); // a live view ended by the interrupt: the rest of the cell must not run
        }
        return v;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = new CodeAnalysis(session().shell().sourceCodeAnalysis()).documentation(code, at);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return new CodeAnalysis(session().shell().sourceCodeAnalysis()).complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        return new CodeAnalysis(session().shell().sourceCodeAnalysis()).isComplete(code);
    }

    @Override
    public void interrupt() {
        interrupted = true;
        synchronized (magicLock) {
            if (magicThread != null) {
                magicThread.interrupt();
            }
        }
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().stop();
        }
    }

    /** The error's one line: never the kernel's stack. */
    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof io.jailcell.kernel.magic.MagicError m) {
            return m.lines();
        }
        String m = e.getMessage();
        return List.of(e instanceof CellError ? m : CellMessages.exception(e.getClass().getName(), m));
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        session.thenAccept(JShellSession::close);
    }

    /** Builds a {@link JailcellKernel}; name {@code jailcell}, version from the jar's manifest. */
    public static final class Builder extends BaseKernelBuilder<Builder, JailcellKernel> {
        private Supplier<JShellSession> session;

        private Builder() {
            name("jailcell");
            // -Djailcell.extensions=false: no ServiceLoader extensions (the agent test loads the magics itself)
            extensionsEnabled(!"false".equals(System.getProperty("jailcell.extensions")));
            String v = JailcellKernel.class.getPackage().getImplementationVersion();
            version(v == null ? "dev" : v);
        }

        /** How to make the Java shell (started at {@link #build()}, in the background). */
        public Builder session(Supplier<JShellSession> session) {
            this.session = session;
            return this;
        }

        @Override
        public JailcellKernel build() {
            if (session == null) {
                throw new IllegalStateException("no session: call session(...) before build()");
            }
            return new JailcellKernel(this, CompletableFuture.supplyAsync(session));
        }

        private String kernelName() {
            return buildName();
        }

        private String kernelVersion() {
            return buildVersion();
        }

        private org.dflib.jjava.jupyter.kernel.history.HistoryManager historyManagerOrNull() {
            return buildHistoryManager();
        }

        private org.dflib.jjava.jupyter.kernel.JupyterIO io() {
            return buildJupyterIO(buildJupyterIOEncoding());
        }

        private org.dflib.jjava.jupyter.kernel.comm.CommManager commManager() {
            return buildCommManager();
        }

        private org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
            return buildRenderer();
        }

        private org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magicsRegistry() {
            return buildMagicsRegistry();
        }

        private boolean extensions() {
            return buildExtensionsEnabled();
        }

        private org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler() {
            return buildErrorStyler();
        }
    }
}
