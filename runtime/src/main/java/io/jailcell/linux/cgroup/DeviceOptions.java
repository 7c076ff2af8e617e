package io.jailcell.linux.cgroup;

import io.jailcell.linux.Host;

/**
 * What decides the device mechanism besides the cgroup layout: the {@code JAILCELL_DEVICES} setting and whether
 * this process may load eBPF programs.
 *
 * <p>{@code JAILCELL_DEVICES} (environment) or {@code -Djailcell.devices} (system property, first): {@code auto}
 * (the default) uses v1's devices controller where it is mounted and the eBPF program on cgroup v2 otherwise;
 * {@code bpf} uses the eBPF program in the cgroup2 mount even on a hybrid host whose v1 devices controller would do,
 * and writes no v1 device rules: a hybrid host then confines devices as a v2-only host does (tests use it).
 *
 * @param forceBpf {@code bpf} was asked for
 * @param mayLoadBpf this process is root in the host's user namespace (loading needs CAP_SYS_ADMIN there)
 */
record DeviceOptions(boolean forceBpf, boolean mayLoadBpf) {
    static final String PROPERTY = "jailcell.devices";
    static final String VARIABLE = "JAILCELL_DEVICES";

    /** From the setting and this process. */
    static DeviceOptions current() {
        String value = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (value == null) {
            value = System.getenv(VARIABLE);
            source = VARIABLE;
        }
        return new DeviceOptions(forceBpf(value, source), Host.isRoot() && Host.inInitialUserNamespace());
    }

    static boolean forceBpf(String value, String source) {
        if (value == null || value.isEmpty() || value.equals("auto")) {
            return false;
        }
        if (value.equals("bpf")) {
            return true;
        }
        throw new IllegalArgumentException(source + "='" + value + "' is not a device mechanism jailcell knows: use "
                + "'auto' (v1's devices controller where mounted, else the eBPF program on cgroup v2) or 'bpf' (the "
                + "eBPF program on cgroup v2, also on hybrid hosts)");
    }
}
