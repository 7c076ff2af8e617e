package io.jailcell.kernel.display;

import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ContainerProcess;
import io.jailcell.api.ContainerStats;
import io.jailcell.api.FileChange;
import io.jailcell.api.HostInfo;
import io.jailcell.api.ImageHistory;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.NetworkInfo;
import io.jailcell.api.VolumeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tables of the API's values, with the columns the CLI shows.
 *
 * <pre>{@code
 * Table t = Tables.images(jc.images().list());   // NAME  IMAGE ID  CREATED  SIZE  LAYERS
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    public static Table images(List<ImageInfo> images) {
        List<List<String>> rows = new ArrayList<>();
        for (ImageInfo i : images) {
            rows.add(List.of(i.names().isEmpty() ? "<none>" : String.join(", ", i.names()), i.shortId(),
                    nz(i.created()), Html.bytes(i.size()), Integer.toString(i.layers().size())));
        }
        return new Table(List.of("NAME", "IMAGE ID", "CREATED", "SIZE", "LAYERS"), rows);
    }

    public static Table history(List<ImageHistory> steps) {
        List<List<String>> rows = new ArrayList<>();
        for (ImageHistory h : steps) {
            rows.add(List.of(nz(h.created()), Html.cut(LayerStack.clean(nz(h.createdBy())), 80), Html.bytes(h.size()),
                    nz(h.comment())));
        }
        return new Table(List.of("CREATED", "CREATED BY", "SIZE", "COMMENT"), rows);
    }

    public static Table containers(List<ContainerInfo> containers) {
        List<List<String>> rows = new ArrayList<>();
        for (ContainerInfo c : containers) {
            rows.add(List.of(c.shortId(), c.name(), c.image(), Html.cut(String.join(" ", c.command()), 40),
                    c.state() + (c.exit() == null ? "" : " (" + c.exit().code() + ")"),
                    c.pid() == 0 ? "-" : Long.toString(c.pid())));
        }
        return new Table(List.of("CONTAINER ID", "NAME", "IMAGE", "COMMAND", "STATE", "PID"), rows);
    }

    /** One container's facts, one per row. */
    public static Table container(ContainerInfo c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("id", c.id()));
        rows.add(List.of("name", c.name()));
        rows.add(List.of("image", c.image()));
        rows.add(List.of("command", String.join(" ", c.command())));
        rows.add(List.of("state", c.state()));
        rows.add(List.of("pid", Long.toString(c.pid())));
        rows.add(List.of("exit", c.exit() == null ? "-" : c.exit().toString()));
        rows.add(List.of("hostname", nz(c.hostname())));
        rows.add(List.of("directory", nz(c.directory())));
        if (c.error() != null) {
            rows.add(List.of("error", c.error()));
        }
        return new Table(List.of("FIELD", "VALUE"), rows);
    }

    public static Table volumes(List<VolumeInfo> volumes) {
        List<List<String>> rows = new ArrayList<>();
        for (VolumeInfo v : volumes) {
            rows.add(List.of(v.name(), String.valueOf(v.created()), v.data().toString()));
        }
        return new Table(List.of("NAME", "CREATED", "DATA"), rows);
    }

    public static Table networks(List<NetworkInfo> networks) {
        List<List<String>> rows = new ArrayList<>();
        for (NetworkInfo n : networks) {
            rows.add(List.of(n.name(), n.bridge(), n.subnet(), n.gateway(), String.join(" ", n.containers())));
        }
        return new Table(List.of("NAME", "BRIDGE", "SUBNET", "GATEWAY", "CONTAINERS"), rows);
    }

    public static Table changes(List<FileChange> changes) {
        List<List<String>> rows = new ArrayList<>();
        for (FileChange c : changes) {
            rows.add(List.of(String.valueOf(c.kind()), c.path()));
        }
        return new Table(List.of("KIND", "PATH"), rows);
    }

    /** Usage per container name. */
    public static Table stats(Map<String, ContainerStats> byName) {
        List<List<String>> rows = new ArrayList<>();
        byName.forEach((name, s) -> rows.add(List.of(name,
                Html.bytes(s.memoryUsage()) + " / " + (s.memoryLimit() < 0 ? "unlimited" : Html.bytes(s.memoryLimit())),
                Html.bytes(s.memoryPeak()), String.format("%.3fs", s.cpuUsageNanos() / 1e9),
                s.pidsCurrent() + " / " + (s.pidsLimit() < 0 ? "unlimited" : Long.toString(s.pidsLimit())),
                Html.bytes(s.ioReadBytes()) + " / " + Html.bytes(s.ioWriteBytes()), Long.toString(s.oomKills()))));
        return new Table(List.of("NAME", "MEM USAGE / LIMIT", "MEM PEAK", "CPU TIME", "PIDS / LIMIT",
                "BLOCK I/O", "OOM KILLS"), rows);
    }

    /** A container's processes, as {@code docker top} lists them, with each one's pid inside the container. */
    public static Table processes(List<ContainerProcess> processes) {
        List<List<String>> rows = new ArrayList<>();
        for (ContainerProcess p : processes) {
            long s = p.cpuNanos() / 1_000_000_000L;
            rows.add(List.of(p.user(), Long.toString(p.pid()), Long.toString(p.containerPid()),
                    Long.toString(p.parentPid()), String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60),
                    Html.bytes(p.rssBytes()), Html.cut(p.command(), 80)));
        }
        return new Table(List.of("USER", "PID", "PID IN CONTAINER", "PPID", "TIME", "RSS", "COMMAND"), rows);
    }

    /** The facts {@link HostInfo#describe()} lists. */
    public static Table host(HostInfo h) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : h.describe().split("\n")) {
            int colon = line.indexOf(": ");
            rows.add(colon < 0 ? List.of(line, "") : List.of(line.substring(0, colon).strip(),
                    line.substring(colon + 2)));
        }
        return new Table(List.of("FACT", "VALUE"), rows);
    }

    /** A cgroup's interface files per controller. */
    public static Table cgroupFiles(Map<String, Map<String, String>> files) {
        List<List<String>> rows = new ArrayList<>();
        files.forEach((controller, f) -> f.forEach((file, value) ->
                rows.add(List.of(controller, file, Html.cut(value.strip().replace('\n', ' '), 80)))));
        return new Table(List.of("CONTROLLER", "FILE", "VALUE"), rows);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
