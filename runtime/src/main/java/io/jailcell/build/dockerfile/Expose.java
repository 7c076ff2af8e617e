package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code EXPOSE 80 443/tcp 53/udp}: the ports, split on whitespace, each as written (expand each one).
 *
 * <pre>{@code
 * expose.ports();   // [80, 443/tcp, 53/udp]
 * }</pre>
 */
public record Expose(Location location, String original, List<String> ports) implements Instruction {
    public Expose {
        ports = List.copyOf(ports);
    }

    @Override
    public Keyword keyword() {
        return Keyword.EXPOSE;
    }
}
