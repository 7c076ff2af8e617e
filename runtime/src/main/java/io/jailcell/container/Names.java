package io.jailcell.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Container ids (64 hex digits, like Docker's) and Docker-style generated names such as {@code brave_curie}. */
final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fervent", "gentle", "happy",
            "jolly", "keen", "lucid", "merry", "nifty", "quirky", "serene", "tender", "vibrant", "zealous");
    private static final List<String> SCIENTISTS = List.of("bell", "curie", "dijkstra", "goldberg", "hopper",
            "kernighan", "lamport", "liskov", "lovelace", "noether", "ritchie", "shannon", "thompson", "torvalds",
            "turing", "wirth");

    private Names() {
    }

    static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String generate() {
        return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_"
                + SCIENTISTS.get(RANDOM.nextInt(SCIENTISTS.size())) + "_" + RANDOM.nextInt(1000);
    }

    /** A name or an id (prefix) that can name a container: never '.', '..' or a path. */
    static boolean isWellFormed(String nameOrId) {
        return VALID.matcher(nameOrId).matches();
    }

    static void check(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new ContainerException(ContainerException.Kind.INVALID, "Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
}
