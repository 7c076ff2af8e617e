package io.jailcell.linux.helper;

import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.ns.IdMapping;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the native helper: hands the helper {@link HelperSpawn} started the plan over its private UNIX socket,
 * does the parent-side work at the CHILD_PID barrier (or lets the child go at once when there is none) and follows
 * the process until it exits. The process's stdio is the helper's stdio, chosen by the caller's
 * {@link ProcessBuilder.Redirect}s, so the container can write straight to a terminal, a pipe or a log file.
 *
 * <pre>{@code
 * try (HelperSession s = HelperSession.start(helper, runDir, plan, Stdio.inherit(), ParentSide.NONE)) {
 *     ExitInfo exit = s.awaitExit();
 * }
 * }</pre>
 */
public final class HelperSession implements AutoCloseable {

    static final String SOCKET_PREFIX = "h-";
    static final String SOCKET_SUFFIX = ".sock";

    private final Process process;
    private final SocketChannel channel;
    private final DataInputStream events;
    private final int childPid;

    private HelperSession(Process process, SocketChannel channel, DataInputStream events, int childPid) {
        this.process = process;
        this.channel = channel;
        this.events = events;
        this.childPid = childPid;
    }

    /** The stdio of the started process. */
    public record Stdio(ProcessBuilder.Redirect in, ProcessBuilder.Redirect out, ProcessBuilder.Redirect err) {
        public static Stdio inherit() {
            return new Stdio(ProcessBuilder.Redirect.INHERIT, ProcessBuilder.Redirect.INHERIT,
                    ProcessBuilder.Redirect.INHERIT);
        }
    }

    /**
     * Starts the helper and runs the plan up to the program's {@code execve}.
     *
     * @throws KernelException when a step fails (errno, step and path), after the helper has cleaned up
     */
    public static HelperSession start(Path helper, Path runDir, LaunchPlan plan, Stdio stdio, ParentSide parent) {
        return start(helper, runDir, plan, stdio, parent, Map.of());
    }

    /**
     * {@link #start(Path, Path, LaunchPlan, Stdio, ParentSide)} with {@code env} as the helper's environment, which
     * is otherwise empty (the program gets the plan's): tags that let a later process find the helper in
     * {@code /proc/PID/environ} after this one died. {@link HelperSpawn} starts the helper before the plan is ready.
     */
    public static HelperSession start(Path helper, Path runDir, LaunchPlan plan, Stdio stdio, ParentSide parent,
            Map<String, String> env) {
        try (HelperSpawn spawn = HelperSpawn.now(helper, runDir, stdio, env)) {
            return spawn.start(plan, parent);
        }
    }

    /**
     * Deletes the sockets in {@code runDir} that processes now gone left ({@code h-PID-TOKEN.sock}): a JVM killed
     * during a handshake never reaches the {@code finally} that deletes its own. Returns how many went.
     */
    public static int sweepSockets(Path runDir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, SOCKET_PREFIX + "*" + SOCKET_SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-', SOCKET_PREFIX.length());
                long pid;
                try {
                    pid = Long.parseLong(name.substring(SOCKET_PREFIX.length(), dash));
                } catch (RuntimeException e) {
                    pid = -1; // an older runtime's h-TOKEN.sock: its handshake is long over
                }
                if (pid != ProcessHandle.current().pid() && (pid < 0 || ProcessHandle.of(pid).isEmpty())
                        && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // no run directory yet, or it is unreadable: nothing to sweep
        }
        return removed;
    }

    /** Reads the helper's hello on a fresh connection, sends the plan and runs it up to the program's execve. */
    static HelperSession handshake(Process process, SocketChannel channel, String token, LaunchPlan plan,
            ParentSide parent) throws IOException {
        // Buffered: an event is a 4-byte length, a type and a payload, each one read(2) without a buffer. The one
        // stream goes from the handshake's session to the running one, with whatever it has read ahead.
        DataInputStream events = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 512));
        return new HelperSession(process, channel, events, 0).handshake(token, plan, parent);
    }

    private HelperSession handshake(String token, LaunchPlan plan, ParentSide parent) throws IOException {
        Event hello = readEvent();
        if (hello.type != PlanTag.EVENT_HELLO
                || !token.equals(new String(hello.payload, StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("an unexpected peer connected to the helper socket; nothing was started");
        }
        // Without id maps to write or a network to attach, the child need not wait for this JVM between its clone
        // and its start.
        boolean goAtOnce = plan.uidMap.isEmpty() && parent == ParentSide.NONE;
        channel.write(ByteBuffer.wrap(PlanEncoder.encode(plan, goAtOnce)));
        Event cloned = readEvent();
        if (cloned.type == PlanTag.EVENT_ERROR) {
            throw cloned.error();
        }
        int pid = cloned.buffer().getInt();
        if (goAtOnce) {
            return started(pid);
        }
        try {
            writeIdMaps(pid, plan);
            parent.prepare(pid);
        } catch (Exception e) {
            channel.write(ByteBuffer.wrap(new byte[] {PlanTag.ABORT}));
            awaitProcess();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("preparing the container's process failed: " + e.getMessage(), e);
        }
        channel.write(ByteBuffer.wrap(new byte[] {PlanTag.GO}));
        return started(pid);
    }

    private HelperSession started(int pid) throws IOException {
        Event started = readEvent();
        if (started.type == PlanTag.EVENT_ERROR) {
            KernelException error = started.error();
            awaitProcess();
            throw error;
        }
        return new HelperSession(process, channel, events, pid);
    }

    private static void writeIdMaps(int pid, LaunchPlan plan) throws IOException {
        if (plan.uidMap.isEmpty()) {
            return;
        }
        Path proc = Path.of("/proc", Integer.toString(pid));
        if (!Host.isRoot()) {
            // An unprivileged writer may only map its own gid after giving up setgroups (user_namespaces(7)).
            Files.writeString(proc.resolve("setgroups"), "deny");
        }
        Files.writeString(proc.resolve("uid_map"), lines(plan.uidMap));
        Files.writeString(proc.resolve("gid_map"), lines(plan.gidMap));
    }

    private static String lines(List<IdMapping> maps) {
        StringBuilder sb = new StringBuilder();
        for (IdMapping m : maps) {
            sb.append(m.line());
        }
        return sb.toString();
    }

    /** The program's pid on the host. */
    public int pid() {
        return childPid;
    }

    /** The helper's pid on the host (the container's parent). */
    public long helperPid() {
        return process.pid();
    }

    /** The helper process, e.g. to read a piped stdout. */
    public Process process() {
        return process;
    }

    /**
     * Blocks until the program exits. Empty when the event stream ends without the exit (the helper was killed, or
     * crashed): the helper's own exit status then says how the helper ended, not how the program did.
     */
    public Optional<ExitInfo> awaitExit() {
        try {
            Event exit = readEvent();
            if (exit.type == PlanTag.EVENT_EXIT) {
                ByteBuffer b = exit.buffer();
                return Optional.of(new ExitInfo(b.get() != 0, b.getInt(), b.hasRemaining() && b.get() != 0));
            }
        } catch (IOException e) {
            // EOF: the helper died without reporting
        }
        awaitProcess();
        return Optional.empty();
    }

    private int awaitProcess() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops following the process; it runs on and its helper writes the exit file. */
    public void detach() {
        closeQuietly(channel);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private Event readEvent() throws IOException {
        int len = Integer.reverseBytes(events.readInt());
        if (len < 1 || len > 1 << 16) {
            throw new EOFException("bad event length " + len);
        }
        int type = events.readUnsignedByte();
        byte[] payload = new byte[len - 1];
        events.readFully(payload);
        return new Event(type, payload);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    private record Event(int type, byte[] payload) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        }

        KernelException error() {
            ByteBuffer b = buffer();
            int errno = b.getInt();
            String step = string(b);
            String path = string(b);
            return new KernelException(errno, step, path);
        }

        private static String string(ByteBuffer b) {
            if (b.remaining() < 4) {
                return "";
            }
            byte[] s = new byte[b.getInt()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}
