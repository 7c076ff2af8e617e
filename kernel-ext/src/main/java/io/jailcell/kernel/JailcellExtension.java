package io.jailcell.kernel;

import io.jailcell.kernel.magic.JailcellMagics;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The container magics and displays as a jjava {@link Extension}: listed in
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, so any jjava-jupyter kernel (ours, or JJava with
 * this jar on its class path) finds it with {@code ServiceLoader} at startup. Installing twice into one kernel
 * (extension and agent) installs once.
 *
 * <pre>{@code
 * new JailcellExtension().install(kernel);   // %help, %container, %image ... now work in kernel's cells
 * }</pre>
 */
public final class JailcellExtension implements Extension {
    private static final Map<BaseKernel, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void install(BaseKernel kernel) {
        if (INSTALLED.putIfAbsent(kernel, Boolean.TRUE) == null) {
            JailcellMagics.install(kernel);
        }
    }

    /** Whether the magics are installed in {@code kernel}. */
    public static boolean installedIn(BaseKernel kernel) {
        return INSTALLED.containsKey(kernel);
    }
}
