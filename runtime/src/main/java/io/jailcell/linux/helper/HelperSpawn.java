package io.jailcell.linux.helper;

import io.jailcell.linux.Host;
import io.jailcell.linux.Urandom;
import io.jailcell.linux.helper.HelperSession.Stdio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * A helper process on its way up before its plan exists: {@link #ahead} binds the helper's private UNIX socket and
 * spawns the helper (with {@code ProcessBuilder}, which uses vfork or posix_spawn, so the JVM never forks) on
 * another thread, so that the spawn, the helper's exec and its connect overlap the planning of the container (its
 * cgroups, image layers and mounts). {@link #start} then hands over the plan; {@link #close} ends a helper that never
 * got one, which holds nothing yet, and leaves no process or socket behind.
 *
 * <pre>{@code
 * try (HelperSpawn spawn = HelperSpawn.ahead(helper, runDir, Stdio.inherit(), Map.of())) {
 *     LaunchPlan plan = planner.plan(...);          // meanwhile the helper starts
 *     HelperSession session = spawn.start(plan, ParentSide.NONE);
 * }
 * }</pre>
 */
public final class HelperSpawn implements AutoCloseable {

    static {
        // vfork+exec starts the helper directly; the JDK's default spawns jspawnhelper first, one exec more
        // (~0.7 ms of every container start, measured). Only when the application has not chosen.
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null && Runtime.version().feature() <= 21) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        // The helper's socket is the first NIO channel of a CLI run. Without this property the JDK looks for a
        // SelectorProvider service in every jar on the class path first, opening each jar in a cold JVM.
        if (System.getProperty("java.nio.channels.spi.SelectorProvider") == null) {
            System.setProperty("java.nio.channels.spi.SelectorProvider", "sun.nio.ch.EPollSelectorProvider");
        }
    }

    private static final ExecutorService SPAWNER = Executors.newCachedThreadPool(new ThreadFactory() {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "jailcell-spawn");
            t.setDaemon(true);
            return t;
        }
    });

    private final Path helper;
    private final Path socket;
    private final String token;
    private final Stdio stdio;
    private final CompletableFuture<Spawned> spawned;
    private boolean handedOver;

    private record Spawned(ServerSocketChannel server, Process process) {
    }

    private HelperSpawn(Path helper, Path socket, String token, Stdio stdio, CompletableFuture<Spawned> spawned) {
        this.helper = helper;
        this.socket = socket;
        this.token = token;
        this.stdio = stdio;
        this.spawned = spawned;
    }

    /**
     * Starts the helper on another thread and returns at once.
     *
     * @param env the helper's environment, otherwise empty (the program gets the plan's): tags that let a later
     *            process find the helper in {@code /proc/PID/environ} after this one died
     */
    public static HelperSpawn ahead(Path helper, Path runDir, Stdio stdio, Map<String, String> env) {
        return begin(helper, runDir, stdio, env, SPAWNER);
    }

    /** Starts the helper on this thread: for a caller with nothing to do meanwhile. */
    static HelperSpawn now(Path helper, Path runDir, Stdio stdio, Map<String, String> env) {
        return begin(helper, runDir, stdio, env, new Executor() {
            @Override
            public void execute(Runnable command) {
                command.run();
            }
        });
    }

    private static HelperSpawn begin(Path helper, Path runDir, Stdio stdio, Map<String, String> env,
            Executor executor) {
        String token = Urandom.hex(16);
        Path socket = runDir.resolve(HelperSession.SOCKET_PREFIX + Host.pid() + "-"
                + token.substring(0, 12) + HelperSession.SOCKET_SUFFIX);
        CompletableFuture<Spawned> spawned = CompletableFuture.supplyAsync(new Supplier<Spawned>() {
            @Override
            public Spawned get() {
                return spawn(helper, socket, token, stdio, env);
            }
        }, executor);
        return new HelperSpawn(helper, socket, token, stdio, spawned);
    }

    /** Where the helper's, and so the program's, stdin, stdout and stderr go. */
    public Stdio stdio() {
        return stdio;
    }

    /**
     * Hands the helper its plan and runs it up to the program's {@code execve}.
     *
     * @throws io.jailcell.linux.KernelException when a step fails (errno, step and path), after the helper has
     *         cleaned up
     */
    public HelperSession start(LaunchPlan plan, ParentSide parent) {
        Spawned s = await();
        handedOver = true;
        try {
            SocketChannel channel;
            try {
                channel = s.server().accept();
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("the jailcell helper exited with code " + s.process().exitValue()
                        + " before it connected; run it by hand to see why: " + helper);
            }
            return HelperSession.handshake(s.process(), channel, token, plan, parent);
        } catch (IOException e) {
            s.process().destroyForcibly();
            throw new UncheckedIOException("cannot talk to the jailcell helper: " + e.getMessage() + hint(socket), e);
        } catch (RuntimeException e) {
            s.process().destroyForcibly();
            throw e;
        } finally {
            HelperSession.closeQuietly(s.server());
            deleteSocket();
        }
    }

    /** Ends a helper that got no plan: it is killed and reaped, and its socket goes. */
    @Override
    public void close() {
        if (handedOver) {
            return;
        }
        handedOver = true;
        try {
            Spawned s = await();
            HelperSession.closeQuietly(s.server());
            s.process().destroyForcibly();
            boolean interrupted = false;
            while (true) {
                try {
                    s.process().waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException e) {
            // the spawn itself failed: there is no process, and start() would have said why
        } finally {
            deleteSocket();
        }
    }

    private Spawned await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return spawned.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the spawn is short and must not be left half done
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Spawned spawn(Path helper, Path socket, String token, Stdio stdio, Map<String, String> env) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            ProcessBuilder pb = new ProcessBuilder(helper.toString(), socket.toString(), token)
                    .redirectInput(stdio.in()).redirectOutput(stdio.out()).redirectError(stdio.err());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process process = pb.start();
            ServerSocketChannel listening = server;
            // A helper that dies before it connects must not leave accept() waiting forever.
            process.onExit().thenRun(new Runnable() {
                @Override
                public void run() {
                    HelperSession.closeQuietly(listening);
                }
            });
            return new Spawned(server, process);
        } catch (IOException e) {
            if (server != null) {
                HelperSession.closeQuietly(server);
            }
            deleteQuietly(socket);
            throw new UncheckedIOException("cannot start the jailcell helper " + helper + ": " + e.getMessage()
                    + hint(socket), e);
        }
    }

    private static String hint(Path socket) {
        return socket.toString().length() > 100 ? " (the socket path " + socket + " is too long for a UNIX socket: "
                + "choose a shorter JAILCELL_ROOT)" : "";
    }

    private void deleteSocket() {
        deleteQuietly(socket);
    }

    private static void deleteQuietly(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a stale socket file is harmless and lives in the runtime's own run directory
        }
    }
}
