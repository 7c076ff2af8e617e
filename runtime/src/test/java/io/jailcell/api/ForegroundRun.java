package io.jailcell.api;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A separate JVM for the tests that kill or demote it: {@code ForegroundRun ROOT NAME RM CMD...} creates a container,
 * prints {@code created ID}, and runs it in the foreground with this process's stdio; exits with its exit code.
 * {@code JC_TEST_NETWORK}, {@code JC_TEST_PUBLISH} and {@code JC_TEST_VOLUME} in the environment give a network, a
 * published port and a bind mount.
 */
public final class ForegroundRun {
    private ForegroundRun() {
    }

    public static void main(String[] args) {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        ContainerSpec spec = ContainerSpec.of("busybox", Arrays.copyOfRange(args, 3, args.length)).name(args[1])
                .autoRemove(Boolean.parseBoolean(args[2]));
        String network = System.getenv("JC_TEST_NETWORK");
        if (network != null) {
            spec = spec.network(network);
        }
        String volume = System.getenv("JC_TEST_VOLUME");
        if (volume != null) {
            spec = spec.volume(volume);
        }
        String port = System.getenv("JC_TEST_PUBLISH");
        if (port != null) {
            spec = spec.publish(port);
        }
        try {
            Container c = jc.create(spec);
            System.out.println("created " + c.id());
            System.out.flush();
            System.exit(c.startAttached(null, null).code());
        } catch (JailcellException e) {
            System.err.println("jailcell: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }
}
