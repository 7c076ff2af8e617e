package io.jailcell.api;

import io.jailcell.image.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's rules for merging what an image's config gives a container with what the run asks for. */
final class ImageDefaults {
    private ImageDefaults() {
    }

    /**
     * The argv: the entrypoint (asked for, else the image's) followed by the command (asked for, else the image's
     * unless the entrypoint was replaced). A directory rootfs without a config runs {@code sh}.
     */
    static List<String> command(List<String> entrypoint, List<String> command, RunConfig image, boolean bareRootfs) {
        List<String> argv = new ArrayList<>();
        if (entrypoint != null) {
            argv.addAll(entrypoint);
        } else if (image.entrypoint() != null) {
            argv.addAll(image.entrypoint());
        }
        if (!command.isEmpty()) {
            argv.addAll(command);
        } else if (entrypoint == null && image.cmd() != null) {
            argv.addAll(image.cmd());
        } else if (argv.isEmpty() && bareRootfs && image.cmd() == null) {
            argv.add("sh");
        }
        if (argv.isEmpty()) {
            throw new InvalidSpecException("no command specified: the image has no CMD or ENTRYPOINT; give one "
                    + "after the image name");
        }
        return argv;
    }

    /** The image's environment with the run's variables on top (a later value for a name wins). */
    static List<String> env(RunConfig image, List<String> asked) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String e : image.env()) {
            byName.put(name(e), e);
        }
        for (String e : asked) {
            byName.put(name(e), e);
        }
        return new ArrayList<>(byName.values());
    }

    private static String name(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }
}
