package io.jailcell.kernel.magic;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.HostInfo;
import io.jailcell.api.JailcellException;
import io.jailcell.api.RunResult;
import io.jailcell.kernel.display.Table;
import io.jailcell.kernel.display.Tables;

import java.util.ArrayList;
import java.util.List;

/**
 * What this host lets a notebook do, found once per kernel: {@code %info} shows it, {@code %needs} skips a cell
 * that cannot run here. Where the probe says containers can start, one real start of {@code busybox true} makes
 * sure, because what the probe cannot see (a seccomp policy refusing new namespaces, a masked {@code /proc}, as in
 * some hosted notebook services) stops containers too.
 *
 * <pre>{@code
 * %info                  // the host's facts; "Containers: yes", or "no: " and why
 * %needs containers      // first line of a cell: on a host without containers, the cell says why in one line
 * }</pre>
 */
public final class Abilities {
    static final String NEEDS_USAGE = "%needs containers|root ...";
    private final MagicContext ctx;
    /** Why containers cannot start here ("" when they can); null until first asked. */
    private String noContainers;

    public Abilities(MagicContext ctx) {
        this.ctx = ctx;
    }

    /** {@code %info}: the facts of {@link HostInfo#describe()}, the containers line as a real start found it. */
    public Object info(List<String> words) {
        if (!words.isEmpty()) {
            throw MagicError.usage("%info", "it takes no arguments");
        }
        HostInfo host = ctx.jc().info();
        String why = whyNoContainers();
        Table facts = Tables.host(host);
        boolean probeAgrees = (why == null) == host.containers();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : facts.rows()) {
            rows.add(row.get(0).equals("Containers") && !probeAgrees ? List.of("Containers", why == null ? "yes"
                    : "no: " + why + " (images and their layers still work; RUN steps and containers do not)") : row);
        }
        return new Table(facts.headers(), rows);
    }

    /** {@code %needs FEATURE...}: nothing when this host has each feature, else the cell ends with one line. */
    public Object needs(List<String> words) {
        if (words.isEmpty()) {
            throw MagicError.usage(NEEDS_USAGE, "name what the cell needs");
        }
        for (String feature : words) {
            switch (feature) {
                case "containers" -> {
                    String why = whyNoContainers();
                    if (why != null) {
                        throw new CellSkipped("skipped: this cell starts containers, which cannot start here: " + why);
                    }
                }
                case "root" -> {
                    if (!ctx.jc().info().root()) {
                        throw new CellSkipped("skipped: this cell needs root, and this kernel runs as "
                                + System.getProperty("user.name"));
                    }
                }
                default -> throw MagicError.usage(NEEDS_USAGE, "unknown feature " + feature);
            }
        }
        return null;
    }

    private synchronized String whyNoContainers() {
        if (noContainers == null) {
            HostInfo host = ctx.jc().info();
            noContainers = host.containers() ? tryOne() : host.containersNote();
        }
        return noContainers.isEmpty() ? null : noContainers;
    }

    private String tryOne() {
        try {
            RunResult r = ctx.jc().run(ContainerSpec.of("busybox", "true").autoRemove(true));
            return r.exit().success() ? "" : "a test container (busybox true) ended with " + r.exit();
        } catch (JailcellException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\\R")[0];
            return "a test container (busybox true) did not start: " + m;
        }
    }
}
