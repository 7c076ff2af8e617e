package io.jailcell.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.lang.instrument.Instrumentation;

/**
 * The jar as a Java agent, for jjava-jupyter kernels started without extensions: waits (on a daemon thread) for
 * the kernel to start ({@link BaseKernel#notebookKernel()}), then installs {@link JailcellExtension} into it.
 *
 * <pre>{@code
 * java -javaagent:jailcell-kernel.jar -cp ... io.jailcell.kernel.KernelMain conn.json
 * }</pre>
 */
public final class JailcellAgent {
    private JailcellAgent() {
    }

    /** {@code -javaagent:} at JVM start. */
    public static void premain(String args, Instrumentation inst) {
        Thread t = new Thread(JailcellAgent::installWhenStarted, "jailcell-agent");
        t.setDaemon(true);
        t.start();
    }

    /** Attached to a running kernel: installs now, or when it starts. */
    public static void agentmain(String args, Instrumentation inst) {
        premain(args, inst);
    }

    /** The kernel once it has started, else null ({@code notebookKernel()} throws until then). */
    private static BaseKernel runningKernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException notYet) {
            return null;
        }
    }

    private static void installWhenStarted() {
        try {
            for (int i = 0; i < 60_000; i++) {
                BaseKernel kernel = runningKernel();
                if (kernel != null) {
                    new JailcellExtension().install(kernel);
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
