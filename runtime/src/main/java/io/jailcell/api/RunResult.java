package io.jailcell.api;

/**
 * The outcome of a container run in the foreground with its output captured.
 *
 * <pre>{@code
 * RunResult r = jc.run(ContainerSpec.of("busybox", "hostname"));
 * System.out.println(r.stdout());
 * }</pre>
 */
public record RunResult(String containerId, ExitStatus exit, String stdout, String stderr) {
}
