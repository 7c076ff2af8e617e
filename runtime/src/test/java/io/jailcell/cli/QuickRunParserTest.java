package io.jailcell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The picocli-free parser of {@code run}/{@code create} must agree with picocli whenever it accepts a line. */
class QuickRunParserTest {

    private static final List<String> ACCEPTED = List.of(
            "busybox",
            "busybox ls -l",
            "--rm busybox true",
            "--rm --network none busybox true",
            "--rm --network=none busybox true",
            "-d --name web busybox sleep 300",
            "-d --name=web busybox sleep 300",
            "-it busybox sh",
            "-di --rm busybox sh",
            "-e A=1 -eB=2 --env C=3 --env=D=4 -de E=5 busybox env",
            "-w /tmp -u 1000:1000 -h box --hostname=box2 busybox pwd",
            "--workdir=/x --user nobody busybox id",
            "--read-only --init --cap-add NET_ADMIN --cap-drop=ALL --ulimit nofile=10:20 busybox true",
            "--net host --pid host --ipc private --uts host --userns host --cgroupns private busybox true",
            "--name x busybox --rm -d --name y",
            "busybox -e X=1",
            "--network bridge -p 8080:80 -p127.0.0.1::53/udp --publish=80 --add-host db:10.1.2.3 busybox true",
            "- ls");

    private static final List<String> DECLINED = List.of(
            "",
            "--help",
            "--rm",
            "--name",
            "--name --rm busybox",
            "-e",
            "-e=A=1 busybox",
            "--bogus busybox",
            "-x busybox",
            "-- busybox ls",
            "--rm=false busybox");

    @Test
    void acceptsTheCommonLinesAndAgreesWithPicocli() {
        for (String line : ACCEPTED) {
            String[] args = split(line);
            RunCommand quick = new RunCommand();
            assertThat(QuickRunParser.parse(args, quick.options, quick)).as(line).isTrue();
            assertThat(describe(quick)).as(line).isEqualTo(describe(picocli(args)));
        }
    }

    @Test
    void createHasNoDetachFlag() {
        CreateCommand create = new CreateCommand();
        assertThat(QuickRunParser.parse(split("-d busybox"), create.options, null)).isFalse();
        assertThat(QuickRunParser.parse(split("--detach busybox"), create.options, null)).isFalse();
        assertThat(QuickRunParser.parse(split("--name a busybox"), new CreateCommand().options, null)).isTrue();
    }

    @Test
    void leavesEverythingUnusualToPicocli() {
        for (String line : DECLINED) {
            RunCommand quick = new RunCommand();
            assertThat(QuickRunParser.parse(split(line), quick.options, quick)).as(line).isFalse();
        }
    }

    private static RunCommand picocli(String[] args) {
        RunCommand c = new RunCommand();
        Picocli.commandLine("run", c).parseArgs(args);
        return c;
    }

    private static String[] split(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    private static String describe(RunCommand c) {
        SpecOptions o = c.options;
        return List.of("detach=" + c.detach, "name=" + o.name, "env=" + o.env, "workdir=" + o.workdir,
                "user=" + o.user, "hostname=" + o.hostname, "readOnly=" + o.readOnly, "init=" + o.init,
                "rm=" + o.autoRemove, "i=" + o.interactive, "t=" + o.tty, "capAdd=" + o.capAdd,
                "capDrop=" + o.capDrop, "ulimits=" + o.ulimits, "network=" + o.network, "pid=" + o.pid,
                "ipc=" + o.ipc, "uts=" + o.uts, "userns=" + o.userns, "cgroupns=" + o.cgroupns,
                "publish=" + o.publish, "addHost=" + o.addHost,
                "image=" + o.image, "command=" + o.command).toString();
    }
}
