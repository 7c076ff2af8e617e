package io.jailcell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ExitStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker's wording in {@code ps}: durations, states, commands, and the column layout. */
class HumanizeTest {

    @Test
    void durationsReadLikeDockers() {
        assertThat(Humanize.duration(Duration.ofMillis(400))).isEqualTo("Less than a second");
        assertThat(Humanize.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(Humanize.duration(Duration.ofSeconds(59))).isEqualTo("59 seconds");
        assertThat(Humanize.duration(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(Humanize.duration(Duration.ofMinutes(59))).isEqualTo("59 minutes");
        assertThat(Humanize.duration(Duration.ofMinutes(70))).isEqualTo("About an hour");
        assertThat(Humanize.duration(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(Humanize.duration(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Humanize.duration(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(Humanize.duration(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(Humanize.duration(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void statusShowsUptimeOrExitCode() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        assertThat(Humanize.status(info("running", now.minusSeconds(3), null, null), now)).isEqualTo("Up 3 seconds");
        assertThat(Humanize.status(info("exited", now.minusSeconds(300), now.minusSeconds(120),
                new ExitStatus(137, 9)), now)).isEqualTo("Exited (137) 2 minutes ago");
        assertThat(Humanize.status(info("created", null, null, null), now)).isEqualTo("Created");
    }

    @Test
    void commandsAreCutAndQuoted() {
        assertThat(Humanize.command(List.of("sleep", "300"), false)).isEqualTo("\"sleep 300\"");
        assertThat(Humanize.command(List.of("sh", "-c", "echo hello; sleep 300"), false))
                .isEqualTo("\"sh -c echo hello; s…\"");
        assertThat(Humanize.command(List.of("sh", "-c", "echo \"hi\""), true)).isEqualTo("\"sh -c echo \\\"hi\\\"\"");
    }

    @Test
    void tableColumnsArePaddedAsDockersTabwriter() {
        Table t = new Table("CONTAINER ID", "IMAGE", "NAMES");
        t.row("0123456789ab", "busybox", "web");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "CONTAINER ID   IMAGE     NAMES\n"
                + "0123456789ab   busybox   web\n");
    }

    private static ContainerInfo info(String state, Instant started, Instant finished, ExitStatus exit) {
        return new ContainerInfo("0".repeat(64), "web", "busybox", List.of("sleep", "300"), state, 0,
                Instant.EPOCH, started, finished, exit, null, "web", false, Map.of(), Map.of(), "/tmp", false,
                io.jailcell.api.Resources.NONE, Map.of(), "none", List.of(), Map.of());
    }
}
