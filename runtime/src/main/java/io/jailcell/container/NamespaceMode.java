package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;

/** How a container gets one namespace: a new one, the host's, or another container's. */
record NamespaceMode(String value) {
    static final NamespaceMode PRIVATE = new NamespaceMode("private");
    static final NamespaceMode HOST = new NamespaceMode("host");

    static NamespaceMode parse(String value) {
        if (value.equals("private") || value.equals("host")) {
            return new NamespaceMode(value);
        }
        if (value.startsWith("container:") && value.length() > "container:".length()) {
            return new NamespaceMode(value);
        }
        throw new ContainerException(Kind.INVALID, "invalid namespace mode '" + value
                + "': use private, host or container:NAME");
    }

    boolean isPrivate() {
        return value.equals("private");
    }

    boolean isHost() {
        return value.equals("host");
    }

    /** The container named by {@code container:NAME}, or null. */
    String container() {
        return value.startsWith("container:") ? value.substring("container:".length()) : null;
    }
}
