package io.jailcell.cli;

import io.jailcell.api.Jailcell;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** What every command shares: the output streams, the global options, and the store, opened on first use. */
final class CliContext {
    final PrintStream out;
    final PrintStream err;
    final boolean debug;
    private final Path root;
    private Jailcell jailcell;

    CliContext(PrintStream out, PrintStream err, Path root, boolean debug) {
        this.out = out;
        this.err = err;
        this.root = root;
        this.debug = debug;
    }

    /** The store given by {@code --root}, else {@code JAILCELL_ROOT}, else the user's default store. */
    Jailcell jailcell() {
        if (jailcell == null) {
            jailcell = root == null ? Jailcell.open() : Jailcell.open(root);
        }
        return jailcell;
    }

    /**
     * Where a foreground program's stdout goes: null (file descriptor 1, written by the program itself, with
     * stdin inherited) when {@code out} is this process's stdout, else {@code out}.
     */
    OutputStream programOut() {
        out.flush();
        return out == System.out ? null : out;
    }

    /** {@link #programOut()} for stderr. */
    OutputStream programErr() {
        err.flush();
        return err == System.err ? null : err;
    }
}
