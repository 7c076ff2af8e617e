package io.jailcell.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Images;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** {@code jailcell image inspect}: docker's JSON shape (Id, RepoTags, Config, RootFS, ...) for each image. */
final class ImageJson {
    private ImageJson() {
    }

    static String of(List<String> names, Images images) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (String n : names) {
                write(g, images.inspect(n));
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, ImageInfo i) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", i.id());
        strings(g, "RepoTags", i.names());
        g.writeStringField("Digest", i.manifestDigest());
        g.writeStringField("Created", i.created());
        String[] platform = i.platform().split("/");
        g.writeStringField("Os", platform[0]);
        g.writeStringField("Architecture", platform.length > 1 ? platform[1] : "");
        g.writeNumberField("Size", i.size());
        g.writeObjectFieldStart("Config");
        g.writeStringField("User", i.user() == null ? "" : i.user());
        strings(g, "Env", i.env());
        strings(g, "Entrypoint", i.entrypoint());
        strings(g, "Cmd", i.cmd());
        g.writeStringField("WorkingDir", i.workingDir() == null ? "" : i.workingDir());
        set(g, "ExposedPorts", i.exposedPorts());
        set(g, "Volumes", i.volumes());
        g.writeObjectFieldStart("Labels");
        for (Map.Entry<String, String> l : i.labels().entrySet()) {
            g.writeStringField(l.getKey(), l.getValue());
        }
        g.writeEndObject();
        if (i.stopSignal() != null) {
            g.writeStringField("StopSignal", i.stopSignal());
        }
        strings(g, "OnBuild", i.onBuild().isEmpty() ? null : i.onBuild());
        g.writeEndObject();
        g.writeObjectFieldStart("RootFS");
        g.writeStringField("Type", "layers");
        g.writeArrayFieldStart("Layers");
        for (ImageInfo.Layer l : i.layers()) {
            g.writeString(l.diffId());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void set(JsonGenerator g, String name, List<String> keys) throws IOException {
        g.writeObjectFieldStart(name);
        for (String k : keys) {
            g.writeObjectFieldStart(k);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
