package io.jailcell.container;

import io.jailcell.linux.PlainName;
import io.jailcell.linux.Urandom;
import java.util.List;

/** Container ids (64 hex digits, like Docker's) and Docker-style generated names such as {@code brave_curie}. */
final class Names {
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fervent", "gentle", "happy",
            "jolly", "keen", "lucid", "merry", "nifty", "quirky", "serene", "tender", "vibrant", "zealous");
    private static final List<String> SCIENTISTS = List.of("bell", "curie", "dijkstra", "goldberg", "hopper",
            "kernighan", "lamport", "liskov", "lovelace", "noether", "ritchie", "shannon", "thompson", "torvalds",
            "turing", "wirth");

    private Names() {
    }

    static String newId() {
        return Urandom.hex(32);
    }

    static String generate() {
        return ADJECTIVES.get(Urandom.below(ADJECTIVES.size())) + "_"
                + SCIENTISTS.get(Urandom.below(SCIENTISTS.size())) + "_" + Urandom.below(1000);
    }

    /** A name or an id (prefix) that can name a container: never '.', '..' or a path. */
    static boolean isWellFormed(String nameOrId) {
        return PlainName.matches(nameOrId);
    }

    static void check(String name) {
        if (!PlainName.matches(name)) {
            throw new ContainerException(ContainerException.Kind.INVALID, "Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
}
