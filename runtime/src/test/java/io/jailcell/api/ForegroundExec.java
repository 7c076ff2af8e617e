package io.jailcell.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A separate JVM for the tests that kill it mid-exec: {@code ForegroundExec ROOT NAME CMD...} runs {@code CMD} in
 * the running container {@code NAME} with this process's stdout and stderr, and exits with its exit code.
 */
public final class ForegroundExec {
    private ForegroundExec() {
    }

    public static void main(String[] args) {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        try {
            ExitStatus s = jc.container(args[1]).exec(Arrays.asList(args).subList(2, args.length), List.of(), null,
                    null, null, null);
            System.exit(s.code());
        } catch (JailcellException e) {
            System.err.println("jailcell: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }
}
