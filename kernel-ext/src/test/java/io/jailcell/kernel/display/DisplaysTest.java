package io.jailcell.kernel.display;

import io.jailcell.api.CgroupNode;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Resources;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DisplaysTest {
    static final ImageInfo IMAGE = new ImageInfo("sha256:0123456789abcdef0123", "sha256:m", List.of("localhost/app:1"),
            null, 3000, "linux/amd64", List.of(
                    new ImageInfo.Layer("sha256:l1", 2048, "sha256:d1", "sha256:c1", "jailcell: busybox-static"),
                    new ImageInfo.Layer("sha256:l2", 83, "sha256:d2", "sha256:c2", "RUN /bin/sh -c echo <hi> > /hi")),
            List.of("sh"), null, List.of(), "", "", List.of(), List.of(), Map.of(), null);

    static ContainerInfo container(Map<String, String> ns) {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("user", "1");
        host.put("pid", "2");
        return new ContainerInfo("0123456789abcdef", "web", "localhost/app:1", List.of("sleep", "9"), "running", 42,
                Instant.EPOCH, Instant.EPOCH, null, null, null, "web", false, ns, host, "/s/containers/0123", false,
                Resources.NONE, Map.of(), "none", List.of(), Map.of());
    }

    @Test
    void theLayerStackDrawsEveryLayerTopFirst() {
        View v = LayerStack.of(IMAGE);
        assertThat(v.html()).startsWith("<svg").contains("#2  RUN /bin/sh -c echo &lt;hi&gt; &gt; /hi")
                .contains("#1  jailcell: busybox-static").contains("<title>sha256:l2</title>");
        assertThat(v.text()).isEqualTo("localhost/app:1  0123456789ab  2.93KiB\n"
                + "#2         83B  RUN /bin/sh -c echo <hi> > /hi\n"
                + "#1        2KiB  jailcell: busybox-static");
    }

    @Test
    void namespacesShowWhatIsShared() {
        View v = NamespacePicture.of(container(Map.of("user", "1", "pid", "9")));
        assertThat(v.text()).isEqualTo("KIND  HOST  CONTAINER  SHARED\nuser  1     1          yes\n"
                + "pid   2     9          no");
        assertThat(v.html()).contains("user:[1]").contains("pid:[9]").contains(Svg.SHARED).contains(Svg.OWN);
    }

    @Test
    void theCgroupTreeHighlightsTheContainer() {
        CgroupNode web = new CgroupNode("web", "/jailcell/0123", List.of(42L), List.of());
        CgroupNode root = new CgroupNode("/", "/", List.of(), List.of(
                new CgroupNode("jailcell", "/jailcell", List.of(), List.of(web))));
        View v = CgroupPicture.of(Map.of("memory", root), "web");
        assertThat(v.text()).isEqualTo("memory\n  /\n    jailcell\n      web  pids 42");
        assertThat(v.html()).contains("fill=\"" + Svg.OWN + "\"").contains("<title>/jailcell/0123</title>");
    }

    @Test
    void aListOfApiValuesRendersAsATable() {
        Renderer r = new Renderer();
        Displays.register(r);
        DisplayData d = r.render(List.of(IMAGE));
        assertThat((String) d.getData(MIMEType.TEXT_HTML)).startsWith("<table").contains("<td style=\"text-align:left\">localhost/app:1</td>");
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).isEqualTo(
                "NAME             IMAGE ID      CREATED  SIZE     LAYERS\n"
                        + "localhost/app:1  0123456789ab           2.93KiB  2");
        assertThat(r.render(List.of(1, 2)).getData(MIMEType.TEXT_PLAIN)).isEqualTo("[1, 2]");
        assertThat(r.render(List.of()).getData(MIMEType.TEXT_PLAIN)).isEqualTo("[]");
        assertThat((String) r.render(IMAGE).getData(MIMEType.TEXT_HTML)).startsWith("<svg");
        assertThat((String) r.render(container(Map.of())).getData(MIMEType.TEXT_HTML)).contains("<table")
                .contains("<svg");
    }

    @Test
    void tablesAlignAndEscape() {
        Table t = new Table(List.of("A", "B"), List.of(List.of("<x>", "1"), List.of("long value", "")));
        assertThat(t.text()).isEqualTo("A           B\n<x>         1\nlong value");
        assertThat(t.html()).contains("&lt;x&gt;");
        assertThat(Html.bytes(1536)).isEqualTo("1.5KiB");
        assertThat(Html.bytes(64L << 20)).isEqualTo("64MiB");
    }
}
