package io.jailcell.kernel.magic;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * One output of a cell that is replaced in place as work goes on: the first {@link #show} is a
 * {@code display_data} with a display id, every later one an {@code update_display_data} of that id. Call it
 * from the cell's thread only: the kernel's output socket is not safe for several threads.
 *
 * <pre>{@code
 * LiveDisplay live = new LiveDisplay(ctx);
 * live.show(new DisplayData("step 1/3"));
 * live.show(new DisplayData("step 2/3"));   // replaces "step 1/3"
 * }</pre>
 */
public final class LiveDisplay {
    private final MagicContext ctx;
    private String id;

    public LiveDisplay(MagicContext ctx) {
        this.ctx = ctx;
    }

    /** Shows {@code d}: the first time as a new output, later in place of what was shown. */
    public void show(DisplayData d) {
        if (id == null) {
            id = ctx.display(d);
        } else {
            d.setDisplayId(id);
            ctx.update(id, d);
        }
    }

    /** Whether anything has been shown yet. */
    public boolean shown() {
        return id != null;
    }
}
