package io.jailcell.kernel.magic;

import io.jailcell.api.Jailcell;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What magics share in one kernel: the jailcell store (opened on first use: {@code /var/lib/jailcell}, or
 * {@code JAILCELL_ROOT}), the cell's output, displays that update in place, and the {@code %debug} switch.
 *
 * <pre>{@code
 * MagicContext ctx = new MagicContext(kernel, Jailcell::open);
 * ctx.jc().images().list();
 * String id = ctx.display(new DisplayData("step 1/3"));
 * ctx.update(id, new DisplayData("step 2/3"));
 * }</pre>
 */
public final class MagicContext {
    private final BaseKernel kernel;
    private final Supplier<Jailcell> open;
    private Jailcell jc;
    private volatile boolean debug;

    /** Magics of {@code kernel} on the store {@code open} makes. */
    public MagicContext(BaseKernel kernel, Supplier<Jailcell> open) {
        this.kernel = kernel;
        this.open = open;
    }

    /** The store, opened on first use. */
    public synchronized Jailcell jc() {
        if (jc == null) {
            jc = open.get();
        }
        return jc;
    }

    /** Whether errors show their stack trace ({@code %debug on}). */
    public boolean debug() {
        return debug;
    }

    void debug(boolean on) {
        debug = on;
    }

    /** The directory relative paths are resolved in: the kernel's, which Jupyter sets to the notebook's. */
    public Path workDir() {
        return Path.of("").toAbsolutePath();
    }

    /** The cell's stdout, flushed at every write so that output appears as it comes. */
    public PrintStream out() {
        return live(kernel.getIO().out);
    }

    /** The cell's stderr, flushed at every write. */
    public PrintStream err() {
        return live(kernel.getIO().err);
    }

    private static PrintStream live(PrintStream target) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                target.write(b);
                target.flush();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                target.write(b, off, len);
                target.flush();
            }
        }, true);
    }

    /** Shows {@code data} in the cell now (a {@code display_data} with a fresh display id); returns the id. */
    public String display(DisplayData data) {
        String id = "jailcell-" + java.util.UUID.randomUUID();
        data.setDisplayId(id);
        kernel.getIO().display.display(data);
        return id;
    }

    /** Replaces the display {@code id} shows ({@code update_display_data}). */
    public void update(String id, DisplayData data) {
        kernel.getIO().display.updateDisplay(id, data);
    }
}
