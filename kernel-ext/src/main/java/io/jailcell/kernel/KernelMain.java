package io.jailcell.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the {@code jailcell} kernel on the Jupyter connection file Jupyter passes as the only argument, until
 * Jupyter shuts it down. The kernelspec's argv is
 * {@code java -cp <jailcell-kernel.jar>:<lib>/* io.jailcell.kernel.KernelMain {connection_file}}.
 *
 * <pre>{@code
 * java -cp kernel-ext/target/jailcell-kernel.jar:kernel-ext/target/lib/'*' io.jailcell.kernel.KernelMain conn.json
 * }</pre>
 */
public final class KernelMain {
    private KernelMain() {
    }

    /**
     * The kernel as Jupyter gets it (and as {@link KernelTraining} trains it): the Java shell starting in the
     * background with the runtime on its class path and the default imports, extensions installed, jjava's log
     * at warnings only.
     */
    static JailcellKernel kernel() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        JailcellKernel kernel = JailcellKernel.builder()
                .session(() -> JShellSession.start(CellClasspath.forRuntime(), JShellSession.DEFAULT_IMPORTS))
                .build();
        kernel.onStartup();
        return kernel;
    }

    /** Starts the kernel; a missing or unreadable connection file is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE   (Jupyter passes {connection_file})");
            System.exit(2);
        }
        String json;
        try {
            json = Files.readString(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("jailcell kernel: cannot read the connection file " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        JailcellKernel kernel = kernel();   // first: it quiets jjava's log before the connection logs
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(json));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
