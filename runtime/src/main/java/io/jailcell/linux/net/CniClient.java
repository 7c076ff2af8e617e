package io.jailcell.linux.net;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jailcell as a CNI runtime (CNI spec 1.0): runs a conflist's plugins as separate processes with
 * {@code CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME} and {@code CNI_PATH} in the
 * environment and the plugin's configuration on stdin (with {@code name}, {@code cniVersion},
 * {@code runtimeConfig} and {@code prevResult} added). ADD runs them in order, each getting the previous one's
 * result; DEL runs them in reverse; CHECK in order with the cached result. A client {@link #in(NetSpace) in} a
 * rootless holder's namespace starts each plugin through {@code nsenter} into it, so the bridge is made there and
 * the plugin may enter the container's namespace, which the holder's user namespace owns.
 */
public final class CniClient {
    /** Where Debian, upstream and Fedora put the plugins. */
    public static final List<String> PLUGIN_DIRS = List.of("/usr/lib/cni", "/opt/cni/bin", "/usr/libexec/cni");

    /** Who is attached, where, and with which published ports. */
    public record Attachment(String containerId, String netns, String ifname, List<PortMapping> ports) {
        public Attachment {
            ports = List.copyOf(ports);
        }
    }

    private final List<String> dirs;
    private final NetSpace space;

    public CniClient(List<String> pluginDirs) {
        this(pluginDirs, NetSpace.HOST);
    }

    private CniClient(List<String> pluginDirs, NetSpace space) {
        this.dirs = List.copyOf(pluginDirs);
        this.space = space;
    }

    /** This client with its plugins run in {@code space}. */
    public CniClient in(NetSpace where) {
        return where.equals(space) ? this : new CniClient(dirs, where);
    }

    public static CniClient standard() {
        return new CniClient(PLUGIN_DIRS);
    }

    /** Runs ADD through the list; the last plugin's result is the attachment's result. */
    public CniResult add(Conflist conf, Attachment a) {
        String prev = null;
        for (Conflist.Plugin p : conf.plugins()) {
            if (idle(p, a)) {
                continue;
            }
            String out = exec("ADD", conf, p, a, prev);
            prev = out.isBlank() ? prev : out;
        }
        try {
            return CniResult.parse(prev == null ? "{}" : prev);
        } catch (IOException e) {
            throw new NetException(NetException.Reason.FAILED, "network " + conf.name() + ": unreadable CNI result ("
                    + e.getMessage() + "): " + prev, e);
        }
    }

    /** Runs DEL through the list in reverse; {@code cached} is the ADD result, if known. Idempotent. */
    public void del(Conflist conf, Attachment a, String cached) {
        NetException first = null;
        for (int i = conf.plugins().size() - 1; i >= 0; i--) {
            if (idle(conf.plugins().get(i), a)) {
                continue;
            }
            try {
                exec("DEL", conf, conf.plugins().get(i), a, cached);
            } catch (NetException e) {
                // Keep going: the other plugins still release what they hold.
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Runs CHECK through the list with the ADD result; throws when a plugin finds the attachment broken. */
    public void check(Conflist conf, Attachment a, String cached) {
        for (Conflist.Plugin p : conf.plugins()) {
            if (!idle(p, a)) {
                exec("CHECK", conf, p, a, cached);
            }
        }
    }

    /**
     * The portmap plugin with no ports to map does nothing but hand its prevResult on (its ADD, CHECK and DEL
     * return at once), so it is not started: a Go plugin's process start costs 6-30 ms on this 2-core host, and
     * this way a container without published ports pays for the bridge plugin alone.
     */
    static boolean idle(Conflist.Plugin p, Attachment a) {
        return p.type().equals("portmap") && p.portMappings() && a.ports().isEmpty();
    }

    /** The plugin binary for {@code type}, or an error that says how to install it. */
    public Path plugin(String type) {
        for (String d : dirs) {
            Path p = Path.of(d, type);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new NetException(NetException.Reason.MISSING_FEATURE, "the CNI plugin '" + type + "' is not "
                + "installed (looked in " + String.join(", ", dirs) + "); install Debian's containernetworking-plugins "
                + "(apt-get install containernetworking-plugins)");
    }

    private String exec(String command, Conflist conf, Conflist.Plugin p, Attachment a, String prev) {
        Path binary = plugin(p.type());
        byte[] stdin = stdin(conf, p, a, prev).getBytes(StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(space.command(List.of(binary.toString())));
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", a.containerId());
        env.put("CNI_NETNS", a.netns() == null ? "" : a.netns());
        env.put("CNI_IFNAME", a.ifname());
        env.put("CNI_PATH", String.join(":", dirs));
        env.putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        try {
            Process proc = pb.start();
            try (OutputStream in = proc.getOutputStream()) {
                in.write(stdin);
            }
            String out = read(proc.getInputStream());
            String err = read(proc.getErrorStream());
            int rc = proc.waitFor();
            if (rc != 0) {
                throw new NetException(NetException.Reason.FAILED, "network " + conf.name() + ": CNI " + command
                        + " of plugin " + p.type() + " failed: " + errorMessage(out, err));
            }
            return out;
        } catch (IOException e) {
            throw new NetException(NetException.Reason.FAILED, "network " + conf.name() + ": cannot run the CNI "
                    + "plugin " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetException(NetException.Reason.FAILED, "interrupted while running CNI " + command);
        }
    }

    /** The plugin's stdin: its own configuration plus the network's name and version and what the runtime adds. */
    static String stdin(Conflist conf, Conflist.Plugin p, Attachment a, String prev) {
        StringWriter out = new StringWriter();
        try (JsonParser in = Conflist.FACTORY.createParser(p.json());
                JsonGenerator g = Conflist.FACTORY.createGenerator(out)) {
            in.nextToken();
            g.writeStartObject();
            g.writeStringField("cniVersion", conf.cniVersion());
            g.writeStringField("name", conf.name());
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                if (field.equals("cniVersion") || field.equals("name") || field.equals("prevResult")
                        || field.equals("runtimeConfig")) {
                    in.skipChildren();
                    continue;
                }
                g.writeFieldName(field);
                g.copyCurrentStructure(in);
            }
            if (p.portMappings() && !a.ports().isEmpty()) {
                g.writeObjectFieldStart("runtimeConfig");
                g.writeArrayFieldStart("portMappings");
                for (PortMapping m : a.ports()) {
                    g.writeStartObject();
                    g.writeNumberField("hostPort", m.hostPort());
                    g.writeNumberField("containerPort", m.containerPort());
                    g.writeStringField("protocol", m.protocol());
                    if (!m.hostIp().isEmpty()) {
                        g.writeStringField("hostIP", m.hostIp());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (prev != null && !prev.isBlank()) {
                g.writeFieldName("prevResult");
                g.writeRawValue(prev.trim());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the configuration of plugin " + p.type(), e);
        }
        return out.toString();
    }

    /** The spec's error result ({@code {"code":N,"msg":"...","details":"..."}}) as one line, else the raw output. */
    private static String errorMessage(String out, String err) {
        List<String> parts = new ArrayList<>();
        try (JsonParser p = Conflist.FACTORY.createParser(out)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if ((f.equals("msg") || f.equals("details")) && !p.getText().isEmpty()) {
                        parts.add(p.getText());
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            parts.add(out.trim());
        }
        if (!err.isBlank()) {
            parts.add(err.trim());
        }
        return parts.isEmpty() ? "(no message)" : String.join(": ", parts);
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
