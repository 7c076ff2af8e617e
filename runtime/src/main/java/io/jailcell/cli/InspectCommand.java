package io.jailcell.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.JailcellException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jailcell inspect NAME...}: a JSON array with one {@link ContainerInfo} per container, indented as docker
 * indents (four spaces, {@code "key": value}), times in ISO-8601. Containers that do not exist are reported on
 * stderr and the others still printed.
 */
@Command(name = "inspect", description = "Return low-level information on containers",
        customSynopsis = "jailcell inspect CONTAINER [CONTAINER...]")
final class InspectCommand extends CliCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int execute() {
        List<ContainerInfo> infos = new ArrayList<>();
        int code = forEach(containers, false, name -> infos.add(ctx.jailcell().container(name).inspect()));
        out.println(infos.isEmpty() ? "[]" : json(infos));
        return code;
    }

    static String json(Object value) {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try {
            return mapper.writer(printer).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JailcellException("cannot write the inspect output as JSON: " + e.getOriginalMessage());
        }
    }
}
