package io.jailcell.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Test helpers: parse a Dockerfile body and pick instructions out of it. */
final class Parsing {
    private Parsing() {
    }

    /** Parses {@code "FROM scratch\n" + body} and returns the first stage's instructions. */
    static List<Instruction> body(String body) {
        return DockerfileParser.parse("FROM scratch\n" + body, "Dockerfile").stage(0).instructions();
    }

    /** The only instruction of {@code "FROM scratch\n" + line}, cast to {@code type}. */
    static <T extends Instruction> T only(String line, Class<T> type) {
        List<Instruction> instructions = body(line);
        assertThat(instructions).hasSize(1);
        assertThat(instructions.get(0)).isInstanceOf(type);
        return type.cast(instructions.get(0));
    }
}
