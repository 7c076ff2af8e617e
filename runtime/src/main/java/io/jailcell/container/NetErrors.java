package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.net.NetException;

/** Classifies the network layer's failures for the public API. */
final class NetErrors {
    private NetErrors() {
    }

    static ContainerException of(NetException e) {
        Kind kind = switch (e.reason()) {
            case CONFLICT -> Kind.CONFLICT;
            case MISSING_FEATURE -> Kind.MISSING_FEATURE;
            case FAILED -> Kind.START_FAILED;
        };
        return new ContainerException(kind, e.getMessage(), 125, e);
    }
}
