package io.jailcell.bench;

import io.jailcell.linux.cgroup.DeviceProgram;
import io.jailcell.linux.cgroup.DeviceRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the eBPF device program for Docker's rules, as containers get it, to a file ({@code DeviceProgramDump FILE})
 * for {@code bench/device-cost.sh} to load in a loop. A benchmark aid, not a test.
 */
public final class DeviceProgramDump {
    private DeviceProgramDump() {
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), DeviceProgram.compile(DeviceRule.DOCKER_DEFAULTS));
    }
}
