package io.jailcell.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The training run for the kernel's class-data-sharing archive: the build starts it with
 * {@code -XX:ArchiveClassesAtExit=target/jailcell-kernel.jsa}, and it does what a kernel start does: the Java
 * shell with the imports, the Jupyter connection on loopback, and a client that asks for the kernel's info and
 * runs a Java cell and a magic through the wire protocol. The archive then holds the classes a kernel loads to
 * answer its first cell (JShell's compiler above all, ZeroMQ, the message classes), and the kernelspec starts the
 * kernel with {@code -XX:SharedArchiveFile}, which maps them instead of loading and verifying them again.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=target/jailcell-kernel.jsa -cp 'target/jailcell-kernel.jar:target/lib/*' \
 *      io.jailcell.kernel.KernelTraining
 * }</pre>
 */
public final class KernelTraining {
    private static final String DELIMITER = "<IDS|MSG>";

    private KernelTraining() {
    }

    /** Trains and exits: 0 when every request was answered, 1 (with the failure on stderr) otherwise. */
    public static void main(String[] args) {
        try {
            train();
        } catch (Throwable t) {
            // the connection's threads would keep the JVM alive
            System.err.println("jailcell kernel training failed:");
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void train() throws Exception {
        String key = UUID.randomUUID().toString();
        int[] ports = {freePort(), freePort(), freePort(), freePort(), freePort()};
        KernelConnectionProperties props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2],
                ports[3], ports[4], "tcp", "hmac-sha256", key);
        JailcellKernel kernel = KernelMain.kernel();   // first, as KernelMain: it quiets jjava's log
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket shell = zmq.createSocket(SocketType.DEALER);
            shell.setReceiveTimeOut(120_000);
            shell.connect("tcp://127.0.0.1:" + props.getShellPort());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            request(shell, mac, "kernel_info_request", "{}");
            for (String code : new String[] {"1 + 1", "List.of(\"a\", \"b\").stream().map(String::length).toList()",
                "%help"}) {
                String json = code.replace("\"", "\\\"");
                String reply = request(shell, mac, "execute_request", "{\"code\": \"" + json + "\", \"silent\": false, "
                        + "\"store_history\": true, \"user_expressions\": {}, \"allow_stdin\": false}");
                if (!reply.contains("\"ok\"")) {
                    throw new IllegalStateException("the training cell " + code + " failed: " + reply);
                }
            }
        }
        connection.close();
        kernel.onShutdown(false);
    }

    /** Sends a signed request on the shell socket and returns the content of its reply. */
    private static String request(ZMQ.Socket shell, Mac mac, String type, String content) {
        String header = "{\"msg_id\": \"" + UUID.randomUUID() + "\", \"session\": \"training\", \"username\": "
                + "\"training\", \"date\": \"" + java.time.Instant.now() + "\", \"msg_type\": \"" + type
                + "\", \"version\": \"5.3\"}";
        String[] parts = {header, "{}", "{}", content};
        for (String p : parts) {
            mac.update(p.getBytes(StandardCharsets.UTF_8));
        }
        shell.sendMore(DELIMITER);
        shell.sendMore(HexFormat.of().formatHex(mac.doFinal()));
        shell.sendMore(parts[0]);
        shell.sendMore(parts[1]);
        shell.sendMore(parts[2]);
        shell.send(parts[3]);
        String frame;
        do {
            frame = shell.recvStr();
            if (frame == null) {
                throw new IllegalStateException("the kernel did not answer " + type + " within 2 minutes");
            }
        } while (!frame.equals(DELIMITER));
        for (int i = 0; i < 4; i++) {
            shell.recvStr();    // signature, header, parent header, metadata
        }
        return shell.recvStr();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
