package io.jailcell.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The defaults an image gives a container (the {@code config} object of an OCI image config): user, env,
 * entrypoint, command, working directory, and the metadata a Dockerfile sets. Docker's extensions
 * ({@code Healthcheck}, {@code OnBuild}, {@code Shell}) are kept. Copy-and-set: every {@code with} returns a new value.
 *
 * <pre>{@code
 * RunConfig c = RunConfig.EMPTY.withEnv(List.of("PATH=/bin")).withCmd(List.of("sh"));
 * }</pre>
 *
 * @param entrypoint null when unset (which differs from empty for inheritance)
 * @param cmd        null when unset
 */
public record RunConfig(String user, List<String> exposedPorts, List<String> env, List<String> entrypoint,
                        List<String> cmd, List<String> volumes, String workingDir, Map<String, String> labels,
                        String stopSignal, List<String> shell, Healthcheck healthcheck, List<String> onBuild) {

    public static final RunConfig EMPTY = new RunConfig(null, List.of(), List.of(), null, null, List.of(), null,
            Map.of(), null, null, null, List.of());

    public RunConfig {
        exposedPorts = List.copyOf(exposedPorts);
        env = List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
        shell = shell == null ? null : List.copyOf(shell);
        onBuild = List.copyOf(onBuild);
    }

    /** The value of an environment variable, or null. */
    public String envValue(String name) {
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq > 0 && e.substring(0, eq).equals(name)) {
                return e.substring(eq + 1);
            }
        }
        return null;
    }

    /** This config with {@code name=value} set, replacing an earlier value in place. */
    public RunConfig withEnvVar(String name, String value) {
        List<String> out = new ArrayList<>(env);
        String entry = name + "=" + value;
        for (int i = 0; i < out.size(); i++) {
            String e = out.get(i);
            if (e.startsWith(name + "=") || e.equals(name)) {
                out.set(i, entry);
                return withEnv(out);
            }
        }
        out.add(entry);
        return withEnv(out);
    }

    public RunConfig withUser(String v) {
        return new RunConfig(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                shell, healthcheck, onBuild);
    }

    public RunConfig withExposedPorts(List<String> v) {
        return new RunConfig(user, v, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell,
                healthcheck, onBuild);
    }

    public RunConfig withEnv(List<String> v) {
        return new RunConfig(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                shell, healthcheck, onBuild);
    }

    public RunConfig withEntrypoint(List<String> v) {
        return new RunConfig(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal, shell,
                healthcheck, onBuild);
    }

    public RunConfig withCmd(List<String> v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal,
                shell, healthcheck, onBuild);
    }

    public RunConfig withVolumes(List<String> v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, v, workingDir, labels, stopSignal, shell,
                healthcheck, onBuild);
    }

    public RunConfig withWorkingDir(String v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal, shell,
                healthcheck, onBuild);
    }

    public RunConfig withLabels(Map<String, String> v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, v, stopSignal, shell,
                healthcheck, onBuild);
    }

    public RunConfig withStopSignal(String v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v, shell,
                healthcheck, onBuild);
    }

    public RunConfig withShell(List<String> v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, v,
                healthcheck, onBuild);
    }

    public RunConfig withHealthcheck(Healthcheck v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                shell, v, onBuild);
    }

    public RunConfig withOnBuild(List<String> v) {
        return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                shell, healthcheck, v);
    }

    static RunConfig from(Fields f) {
        if (f == null) {
            return EMPTY;
        }
        List<String> env = f.strings("Env");
        List<String> onBuild = f.strings("OnBuild");
        Fields hc = f.object("Healthcheck");
        return new RunConfig(emptyToNull(f.string("User")), f.keys("ExposedPorts"), env == null ? List.of() : env,
                f.strings("Entrypoint"), f.strings("Cmd"), f.keys("Volumes"), emptyToNull(f.string("WorkingDir")),
                f.stringMap("Labels"), emptyToNull(f.string("StopSignal")), f.strings("Shell"),
                hc == null ? null : Healthcheck.from(hc), onBuild == null ? List.of() : onBuild);
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (user != null) {
            m.put("User", user);
        }
        if (!exposedPorts.isEmpty()) {
            m.put("ExposedPorts", asSet(exposedPorts));
        }
        if (!env.isEmpty()) {
            m.put("Env", env);
        }
        if (entrypoint != null) {
            m.put("Entrypoint", entrypoint);
        }
        if (cmd != null) {
            m.put("Cmd", cmd);
        }
        if (healthcheck != null) {
            m.put("Healthcheck", healthcheck.toTree());
        }
        if (!volumes.isEmpty()) {
            m.put("Volumes", asSet(volumes));
        }
        if (workingDir != null) {
            m.put("WorkingDir", workingDir);
        }
        if (!labels.isEmpty()) {
            m.put("Labels", new TreeMap<>(labels));
        }
        if (stopSignal != null) {
            m.put("StopSignal", stopSignal);
        }
        if (shell != null) {
            m.put("Shell", shell);
        }
        if (!onBuild.isEmpty()) {
            m.put("OnBuild", onBuild);
        }
        return m;
    }

    private static Map<String, Object> asSet(List<String> keys) {
        Map<String, Object> m = new TreeMap<>();
        for (String k : keys) {
            m.put(k, new LinkedHashMap<>());
        }
        return m;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
