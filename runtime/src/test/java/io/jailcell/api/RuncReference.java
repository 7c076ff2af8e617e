package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jailcell.linux.Capability;
import io.jailcell.linux.seccomp.SeccompFilter;
import io.jailcell.linux.seccomp.SeccompProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference side of the escape tests: the same probe in runc, from a bundle with Docker's 14 capabilities and
 * the default seccomp profile resolved for them (as Docker hands it to runc), on busybox's snapshot, read-only; as
 * root, or rootless from {@code runc spec --rootless} as an unprivileged uid.
 */
final class RuncReference {
    private static final Map<Integer, String> OPS = Map.of(1, "SCMP_CMP_NE", 2, "SCMP_CMP_LT", 3, "SCMP_CMP_LE",
            4, "SCMP_CMP_EQ", 5, "SCMP_CMP_GE", 6, "SCMP_CMP_GT", 7, "SCMP_CMP_MASKED_EQ");

    private RuncReference() {
    }

    static Map<String, String> probe(TestStore store, Path probe, List<String> attempts) throws Exception {
        Path rootfs = Path.of(store.jc.images().inspect("busybox").layers().get(0).chainId().substring(7));
        rootfs = store.root.resolve("snapshots").resolve(rootfs).resolve("fs");
        return probe(rootfs, store.root, probe, attempts, -1);
    }

    /**
     * The probe in runc on {@code rootfs}, with bundle and state in {@code work}; with {@code uid} &gt;= 0 rootless:
     * runc runs as that uid (setpriv) from {@code runc spec --rootless}, mapped to root in a user namespace, with a
     * network namespace of its own as jailcell's rootless containers have.
     */
    static Map<String, String> probe(Path rootfs, Path work, Path probe, List<String> attempts, int uid)
            throws Exception {
        boolean rootless = uid >= 0;
        Path bundle = Files.createTempDirectory(work, "runc-bundle");
        Path state = Files.createTempDirectory(work, "runc-state");
        List<String> spec = new ArrayList<>(List.of("runc", "spec", "--bundle", bundle.toString()));
        if (rootless) {
            spec.add("--rootless");
        }
        Process specRun = new ProcessBuilder(spec).inheritIO().start();
        assertThat(specRun.waitFor()).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        ArrayNode args = process.putArray("args");
        args.add("/probe");
        attempts.forEach(args::add);
        Set<String> caps = new TreeSet<>();
        for (Capability c : Capability.DOCKER_DEFAULTS) {
            caps.add(c.capName());
        }
        ObjectNode capSets = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = capSets.putArray(set);
            caps.forEach(a::add);
        }
        ObjectNode root = (ObjectNode) config.get("root");
        root.put("path", rootfs.toString());
        root.put("readonly", true);
        ObjectNode bind = ((ArrayNode) config.get("mounts")).addObject();
        bind.put("destination", "/probe").put("type", "bind").put("source", probe.toString());
        bind.putArray("options").add("bind").add("ro");
        ObjectNode linux = (ObjectNode) config.get("linux");
        linux.set("seccomp", json.valueToTree(seccomp(caps)));
        List<String> asUser = List.of();
        if (rootless) {
            for (String map : List.of("uidMappings", "gidMappings")) {
                ArrayNode m = linux.putArray(map);
                m.addObject().put("containerID", 0).put("hostID", uid).put("size", 1);
            }
            ((ArrayNode) linux.get("namespaces")).addObject().put("type", "network");
            for (Path p : List.of(bundle, state)) {
                Files.setAttribute(p, "unix:uid", uid);
                Files.setAttribute(p, "unix:gid", uid);
            }
            asUser = List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "env",
                    "XDG_RUNTIME_DIR=" + state, "HOME=" + work);
        }
        Files.writeString(bundle.resolve("config.json"), json.writeValueAsString(config));
        bundle.resolve("config.json").toFile().setReadable(true, false);
        String id = "jc-probe-" + ProcessHandle.current().pid();
        List<String> run = new ArrayList<>(asUser);
        run.addAll(List.of("runc", "--root", state.toString(), "run", "--bundle", bundle.toString(), id));
        Process p = new ProcessBuilder(run).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> delete = new ArrayList<>(asUser);
        delete.addAll(List.of("runc", "--root", state.toString(), "delete", "-f", id));
        new ProcessBuilder(delete).start().waitFor();
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split(" ", 2);
            results.put(parts[0], parts[1]);
        }
        return results;
    }

    /** The default profile resolved for {@code caps}, in the OCI runtime spec's seccomp format. */
    private static Map<String, Object> seccomp(Set<String> caps) {
        SeccompFilter f = SeccompProfile.dockerDefault().resolve(caps, "amd64", "6.0");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("defaultAction", action(f.defaultAction()));
        m.put("defaultErrnoRet", f.defaultAction() & 0xffff);
        List<String> arches = new ArrayList<>();
        for (String a : f.architectures()) {
            arches.add("SCMP_ARCH_" + a.toUpperCase(java.util.Locale.ROOT));
        }
        m.put("architectures", arches);
        List<Object> calls = new ArrayList<>();
        for (SeccompFilter.Rule r : f.rules()) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("names", List.of(r.syscall()));
            call.put("action", action(r.action()));
            if ((r.action() & 0xffff0000) == 0x00050000) {
                call.put("errnoRet", r.action() & 0xffff);
            }
            List<Object> conds = new ArrayList<>();
            for (SeccompFilter.Condition c : r.conditions()) {
                conds.add(Map.of("index", c.argIndex(), "value", c.datumA(), "valueTwo", c.datumB(),
                        "op", OPS.get(c.op())));
            }
            call.put("args", conds);
            calls.add(call);
        }
        m.put("syscalls", calls);
        return m;
    }

    private static String action(int value) {
        return switch (value & 0xffff0000) {
            case 0x7fff0000 -> "SCMP_ACT_ALLOW";
            case 0x00050000 -> "SCMP_ACT_ERRNO";
            default -> throw new IllegalArgumentException("unexpected action " + Integer.toHexString(value));
        };
    }
}
