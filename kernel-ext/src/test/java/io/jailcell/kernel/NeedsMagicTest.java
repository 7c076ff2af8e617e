package io.jailcell.kernel;

import io.jailcell.api.Jailcell;
import io.jailcell.kernel.display.Table;
import io.jailcell.kernel.magic.CellSkipped;
import io.jailcell.kernel.magic.JailcellMagics;
import io.jailcell.kernel.magic.MagicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code %needs}: a cell that cannot run here ends quietly after one line; the real skips run in NotebooksIT. */
class NeedsMagicTest {
    @TempDir
    Path store;

    private JailcellKernel kernel() {
        JailcellKernel kernel = JailcellKernel.builder().session(() -> null).extensionsEnabled(false).build();
        JailcellMagics.install(kernel, () -> Jailcell.open(store));
        return kernel;
    }

    @Test
    void aSkippedCellEndsWithoutRunningItsRestAndWithoutAnError() throws Exception {
        JailcellKernel kernel = kernel();
        kernel.getMagicsRegistry().registerLineMagic("unavailable", (k, words) -> {
            throw new CellSkipped("skipped: this cell needs something this host lacks");
        });
        assertThat(kernel.evalRaw("%help")).isInstanceOf(Table.class);
        assertThat(kernel.evalRaw("%unavailable\n%help")).isNull();
    }

    @Test
    void needs_namesWhatItKnows() {
        JailcellKernel kernel = kernel();
        assertThatThrownBy(() -> kernel.evalRaw("%needs")).isInstanceOf(MagicError.class)
                .hasMessage("usage: %needs containers|root ... (name what the cell needs)");
        assertThatThrownBy(() -> kernel.evalRaw("%needs wings")).isInstanceOf(MagicError.class)
                .hasMessage("usage: %needs containers|root ... (unknown feature wings)");
    }

    @Test
    void needs_root_letsTheCellRunAsRoot() {
        boolean root = Jailcell.probe().root();
        Object v = kernel().evalRaw("%needs root\n%help");
        if (root) {
            assertThat(v).isInstanceOf(Table.class);
        } else {
            assertThat(v).isNull();
        }
    }
}
