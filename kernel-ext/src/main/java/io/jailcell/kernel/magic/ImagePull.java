package io.jailcell.kernel.magic;

import io.jailcell.api.ImageInfo;
import io.jailcell.api.Images;
import io.jailcell.api.RegistryOptions;
import io.jailcell.kernel.display.Html;
import io.jailcell.kernel.display.PullProgress;
import io.jailcell.kernel.display.View;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code %image pull NAME}: the pull runs on a thread of its own while the cell's thread redraws its
 * {@link PullProgress} in place every {@value #REDRAW_MILLIS} ms when something moved (the kernel's output is the
 * cell thread's alone). An interrupt of the cell cancels the pull; nothing is tagged then.
 *
 * <pre>{@code
 * String name = new ImagePull(ctx, jc.images()).pull("127.0.0.1:5000/app:1", RegistryOptions.defaults());
 * }</pre>
 */
final class ImagePull {
    static final long REDRAW_MILLIS = 150;

    private final MagicContext ctx;
    private final Images images;

    ImagePull(MagicContext ctx, Images images) {
        this.ctx = ctx;
        this.images = images;
    }

    /** Pulls {@code ref}; returns the name tagged. */
    String pull(String ref, RegistryOptions options) {
        PullProgress progress = new PullProgress(ref);
        LiveDisplay live = new LiveDisplay(ctx);
        FutureTask<String> task = new FutureTask<>(() -> images.pull(ref, options.listener(progress)));
        Thread worker = new Thread(task, "jailcell-pull");
        worker.setDaemon(true);
        worker.start();
        long shown = 0;
        String name;
        for (;;) {
            try {
                name = task.get(REDRAW_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                long v = progress.version();
                if (v != shown) {
                    live.show(View.data(progress.view(null)));
                    shown = v;
                }
            } catch (InterruptedException e) {
                task.cancel(true);
                awaitEnd(worker);
                end(live, progress, "interrupted: nothing was tagged");
                throw new MagicError("%image pull " + ref + ": interrupted; nothing was tagged (blobs already in "
                        + "are kept for the next pull)");
            } catch (ExecutionException e) {
                end(live, progress, "FAILED");
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        ImageInfo info = images.inspect(name);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(info.id(), "config");
        for (int i = 0; i < info.layers().size(); i++) {
            labels.put(info.layers().get(i).digest(), "layer " + (i + 1));
        }
        progress.label(labels);
        live.show(View.data(progress.view(String.format("pulled %s: %s, %d layer%s, %s, image id %s", name,
                info.platform(), info.layers().size(), info.layers().size() == 1 ? "" : "s", Html.bytes(info.size()),
                info.shortId()))));
        return name;
    }

    /** Waits a little for the cancelled pull to stop, so that it does not run on into the next cell. */
    private static void awaitEnd(Thread worker) {
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void end(LiveDisplay live, PullProgress progress, String outcome) {
        if (live.shown() || progress.version() > 0) {
            live.show(View.data(progress.view(outcome)));
        }
    }
}
