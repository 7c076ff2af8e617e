package io.jailcell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code jailcell version}: the version of this build, of Java, and the platform, as docker lays them out. */
@Command(name = "version", description = "Show the jailcell version information")
final class VersionCommand extends CliCommand {
    private static final String POM = "/META-INF/maven/io.jailcell/jailcell-runtime/pom.properties";

    @Override
    boolean quickParse(String[] args) {
        return args.length == 0; // nothing to parse: the defaults stand
    }

    @Override
    int execute() {
        out.println("Client:");
        out.println(" Version:           " + version());
        out.println(" Java version:      " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")");
        out.println(" OS/Arch:           " + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                + arch());
        return 0;
    }

    /** The Maven version this jar was built as, from the descriptor Maven packs into it; "unknown" elsewhere. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream(POM)) {
            if (in == null) {
                return "unknown (not run from the packaged jar)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Go's architecture names, as docker prints them. */
    private static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }
}
