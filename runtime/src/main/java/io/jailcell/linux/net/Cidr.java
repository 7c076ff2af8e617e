package io.jailcell.linux.net;

/**
 * An IPv4 subnet such as {@code 10.87.0.0/16}, parsed by hand (no regular expression on the start path).
 *
 * @param network the network address as an unsigned 32-bit value (host bits cleared)
 * @param prefix  the prefix length, 0 to 32
 */
public record Cidr(long network, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("invalid prefix length /" + prefix + ": use 0 to 32");
        }
        network = network & mask(prefix);
    }

    /** {@code a.b.c.d/n}; a host address with a prefix ({@code 10.87.0.5/16}) is an error naming the network. */
    public static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid subnet '" + text + "': use CIDR notation such as 10.89.1.0/24");
        }
        long addr = address(text.substring(0, slash), text);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid subnet '" + text + "': the prefix length after / must be a "
                    + "number, as in 10.89.1.0/24");
        }
        Cidr c = new Cidr(addr, prefix);
        if (c.network != addr) {
            throw new IllegalArgumentException("invalid subnet '" + text + "': host bits are set; did you mean "
                    + c + "?");
        }
        if (prefix > 30) {
            throw new IllegalArgumentException("subnet " + text + " is too small for a bridge network: use /30 or "
                    + "larger, e.g. /24");
        }
        return c;
    }

    /** A dotted quad as an unsigned 32-bit value. */
    public static long address(String quad) {
        return address(quad, quad);
    }

    private static long address(String quad, String whole) {
        long value = 0;
        int parts = 0;
        int start = 0;
        for (int i = 0; i <= quad.length(); i++) {
            if (i == quad.length() || quad.charAt(i) == '.') {
                int octet;
                try {
                    octet = Integer.parseInt(quad.substring(start, i));
                } catch (NumberFormatException e) {
                    octet = -1;
                }
                if (octet < 0 || octet > 255 || i == start) {
                    throw new IllegalArgumentException("invalid IPv4 address in '" + whole + "'");
                }
                value = (value << 8) | octet;
                parts++;
                start = i + 1;
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("invalid IPv4 address in '" + whole + "': use four numbers, a.b.c.d");
        }
        return value;
    }

    /** The dotted quad of an unsigned 32-bit value. */
    public static String format(long addr) {
        return ((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "." + (addr & 255);
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public boolean overlaps(Cidr other) {
        int p = Math.min(prefix, other.prefix);
        return (network & mask(p)) == (other.network & mask(p));
    }

    public boolean contains(long addr) {
        return (addr & mask(prefix)) == network;
    }

    /** The first host address, which jailcell gives the bridge (the containers' gateway). */
    public String gateway() {
        return format(network + 1);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
