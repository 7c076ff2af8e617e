package io.jailcell.kernel;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JShell's in-process execution engine, keeping the value of every snippet as an object (not only its string) so
 * the kernel can render it by type, and running each snippet on its own thread so that {@link #stop()} really
 * ends a running cell, even {@code while (true) {}}.
 *
 * <p>Cells share the kernel's JVM and class loader parent: objects they return are of the same classes the
 * kernel's renderers know.
 *
 * <pre>{@code
 * CellExecutionControl.Provider engine = new CellExecutionControl.Provider();
 * JShell shell = JShell.builder().executionEngine(engine, Map.of()).build();
 * String key = shell.eval("1 + 1").get(0).value();
 * Object two = engine.control().take(key);   // Integer 2
 * }</pre>
 */
public final class CellExecutionControl extends DirectExecutionControl {
    private static final String KEY_PREFIX = "#jailcell-value:";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile Thread running;
    /** A stop that came before the snippet's thread did (JShell still compiling): the snippet does not run. */
    private volatile boolean stopRequested;

    /** The value a snippet produced, by the key JShell reported as its value; removed once taken. */
    public Object take(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return null;
        }
        Object v = values.remove(key);
        return v == NULL ? null : v;
    }

    /** Forgets values not taken and stops requested (called at the start of each cell). */
    public void clearValues() {
        values.clear();
        stopRequested = false;
    }

    private static final Object NULL = new Object();

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "jailcell-cell");
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        running = t;
        if (stopRequested) {
            running = null;
            throw new ExecutionControl.StoppedException();
        }
        try {
            t.start();
            t.join();
        } finally {
            running = null;
        }
        if (thrown[0] instanceof ThreadDeath
                || thrown[0] != null && thrown[0].getCause() instanceof ThreadDeath) {
            throw new ExecutionControl.StoppedException();
        }
        if (thrown[0] instanceof Exception e) {
            throw e;        // DirectExecutionControl turns InvocationTargetException into the cell's exception
        }
        if (thrown[0] != null) {
            throw new java.lang.reflect.InvocationTargetException(thrown[0]);
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        values.put(key, result[0] == null ? NULL : result[0]);
        return key;
    }

    /** Stops the running snippet: its thread ends with {@link ThreadDeath} wherever it is. */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        stopRequested = true;
        Thread t = running;
        if (t != null) {
            t.stop();
        }
    }

    /** The engine for {@code JShell.builder().executionEngine(provider, Map.of())}; remembers what it made. */
    public static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "jailcell";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        /** The engine JShell is using; null before the JShell is built. */
        public CellExecutionControl control() {
            return control;
        }
    }
}
