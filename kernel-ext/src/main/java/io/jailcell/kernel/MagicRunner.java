package io.jailcell.kernel;

import io.jailcell.kernel.magic.CellSkipped;
import io.jailcell.kernel.magic.MagicArgs;
import io.jailcell.kernel.magic.MagicError;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

/**
 * Calls a magic of a cell in the kernel's {@link MagicsRegistry}, with its argument text split as a shell does;
 * an unknown magic or a failure is a one-line {@link CellError} or {@link MagicError}.
 *
 * <pre>{@code
 * Object v = new MagicRunner().run(kernel, MagicCells.parse("%image ls").get(0));   // List<ImageInfo>
 * }</pre>
 */
public final class MagicRunner {
    /** The magic's value (rendered as the cell's result when it is the last part), or null. */
    public Object run(BaseKernel kernel, MagicCells.Part part) {
        MagicsRegistry registry = kernel.getMagicsRegistry();
        boolean cell = part.kind() == MagicCells.Kind.CELL;
        String shown = (cell ? "%%" : "%") + part.name();
        try {
            return cell ? registry.evalCellMagic(kernel, part.name(), MagicArgs.split(part.args()), part.body())
                    : registry.evalLineMagic(kernel, part.name(), MagicArgs.split(part.args()));
        } catch (UndefinedMagicException e) {
            throw new CellError("unknown magic " + shown + (registry.getLineMagicNames().contains("help")
                    ? " (%help lists the magics)" : " (no magics are installed in this kernel)"));
        } catch (MagicError | CellError | CellSkipped e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CellError(shown + " failed: " + CellMessages.exception(e.getClass().getName(), e.getMessage()));
        } catch (Exception e) {
            throw new CellError(shown + " failed: " + CellMessages.exception(e.getClass().getName(), e.getMessage()));
        }
    }
}
