package io.jailcell.linux.ns;

/**
 * One line of a {@code uid_map} or {@code gid_map}: ids {@code [containerId, containerId+size)} inside the user
 * namespace are ids {@code [hostId, hostId+size)} outside.
 */
public record IdMapping(long containerId, long hostId, long size) {
    public IdMapping {
        if (containerId < 0 || hostId < 0 || size <= 0) {
            throw new IllegalArgumentException("bad id mapping " + containerId + ":" + hostId + ":" + size);
        }
    }

    /** The line written to {@code /proc/PID/uid_map}. */
    public String line() {
        return containerId + " " + hostId + " " + size + "\n";
    }
}
