package io.jailcell.api;

import java.nio.file.Path;

/**
 * A separate JVM for {@link RootlessIT}: {@code RootlessStats ROOT} starts a container without cgroups, prints its
 * stats and its processes, then tries a memory limit and prints what was refused.
 */
public final class RootlessStats {
    private RootlessStats() {
    }

    public static void main(String[] args) throws InterruptedException {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        Container c = jc.start(ContainerSpec.of("busybox", "sh", "-c", "sleep 30 & sleep 30"));
        try {
            ContainerStats s = c.stats();
            for (int i = 0; i < 200 && s.pidsCurrent() < 2; i++) {
                Thread.sleep(10);
                s = c.stats();
            }
            System.out.println("pids " + s.pidsCurrent() + " memory " + s.memoryUsage() + " limit " + s.memoryLimit());
            RunResult exec = c.exec("sh", "-c", "id -u; cat /proc/self/uid_map");
            System.out.println("exec " + exec.exit().code() + " " + exec.stdout().replaceAll("\\s+", " ").trim());
            StringBuilder top = new StringBuilder("top");
            for (ContainerProcess p : c.top()) {
                top.append(' ').append(p.containerPid()).append(':').append(p.user()).append(':').append(p.hostUid())
                        .append(':').append(p.command());
            }
            System.out.println(top);
        } finally {
            c.remove(true);
        }
        try {
            jc.run(ContainerSpec.of("busybox", "true").memory("64m").autoRemove(true));
            System.out.println("limit accepted");
        } catch (MissingFeatureException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
