package io.jailcell.cli;

import io.jailcell.api.TransferListener;
import java.io.PrintStream;

/** docker's per-layer lines for pull and push: {@code 0123456789ab: Pull complete}. */
final class TransferOutput implements TransferListener {
    private final PrintStream out;
    private final String doneText;
    private final String skippedText;

    TransferOutput(PrintStream out, String doneText, String skippedText) {
        this.out = out;
        this.doneText = doneText;
        this.skippedText = skippedText;
    }

    @Override
    public void done(String digest, long size, boolean skipped) {
        synchronized (out) {
            out.println(digest.substring(7, 19) + ": " + (skipped ? skippedText : doneText));
            out.flush();
        }
    }
}
