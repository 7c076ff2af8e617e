package io.jailcell.build.dockerfile;

import static io.jailcell.build.dockerfile.Parsing.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstructionFormsTest {

    @Test
    void from_keepsImagePlatformAndLowerCasedStageName() {
        From from = DockerfileParser.parse("from --platform=$BUILDPLATFORM golang:${GO_VERSION} As Build\n",
                "Dockerfile").stage(0).from();
        assertThat(from.image()).isEqualTo("golang:${GO_VERSION}");
        assertThat(from.platform()).contains("$BUILDPLATFORM");
        assertThat(from.stageName()).contains("build");
        assertThat(from.location()).isEqualTo(new Location("Dockerfile", 1, 1));
        assertThat(from.original()).isEqualTo("from --platform=$BUILDPLATFORM golang:${GO_VERSION} As Build");
    }

    @Test
    void run_shellForm_keepsTheLineUnexpanded() {
        Run run = only("RUN echo \"$HOME\" && make   all", Run.class);
        assertThat(run.command()).isEqualTo(Command.shell("echo \"$HOME\" && make   all"));
        assertThat(run.command().argv(List.of("/bin/sh", "-c")))
                .containsExactly("/bin/sh", "-c", "echo \"$HOME\" && make   all");
        assertThat(run.flags().isEmpty()).isTrue();
        assertThat(run.heredocs()).isEmpty();
        assertThat(run.expandsWords()).isFalse();
    }

    @Test
    void run_execForm_isAJsonArray() {
        Run run = only("RUN [\"/bin/bash\", \"-c\", \"echo $HOME\"]", Run.class);
        assertThat(run.command().execForm()).isTrue();
        assertThat(run.command().argv(List.of("/bin/sh", "-c"))).containsExactly("/bin/bash", "-c", "echo $HOME");
    }

    @Test
    void run_flags_areParsedAndKept() {
        Run run = only("RUN --mount=type=cache,target=/root/.m2 --mount=type=secret,id=npm "
                + "--network=none --security=insecure mvn -q package", Run.class);
        assertThat(run.flags().values("mount")).containsExactly("type=cache,target=/root/.m2", "type=secret,id=npm");
        assertThat(run.flags().value("network")).contains("none");
        assertThat(run.flags().value("security")).contains("insecure");
        assertThat(run.command().shellText()).isEqualTo("mvn -q package");
    }

    @Test
    void run_flagValueQuotes_areRemoved() {
        Run run = only("RUN --mount=\"type=bind,source=a b\" ls", Run.class);
        assertThat(run.flags().values("mount")).containsExactly("type=bind,source=a b");
    }

    @Test
    void jsonThatIsNotAnArrayOfStrings_isShellForm() {
        assertThat(only("CMD [ \"a\" , bad", Cmd.class).command()).isEqualTo(Command.shell("[ \"a\" , bad"));
        assertThat(only("CMD [\"a\"] extra", Cmd.class).command().execForm()).isFalse();
        assertThat(only("CMD ['single']", Cmd.class).command().execForm()).isFalse();
    }

    @Test
    void cmdAndEntrypoint_bothForms() {
        assertThat(only("CMD [\"nginx\", \"-g\", \"daemon off;\"]", Cmd.class).command())
                .isEqualTo(Command.exec(List.of("nginx", "-g", "daemon off;")));
        assertThat(only("CMD nginx -g 'daemon off;'", Cmd.class).command())
                .isEqualTo(Command.shell("nginx -g 'daemon off;'"));
        assertThat(only("CMD []", Cmd.class).command().isEmpty()).isTrue();
        assertThat(only("ENTRYPOINT [\"/docker-entrypoint.sh\"]", Entrypoint.class).command().words())
                .containsExactly("/docker-entrypoint.sh");
        assertThat(only("entrypoint exec top -b", Entrypoint.class).command().shellText()).isEqualTo("exec top -b");
    }

    @Test
    void env_newFormWithQuotes_keepsValuesAsWritten() {
        Env env = only("ENV A=1 B=\"two words\" C='$x' D=a\\ b E=", Env.class);
        assertThat(env.legacyForm()).isFalse();
        assertThat(env.pairs()).containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""),
                new KeyValue("C", "'$x'"), new KeyValue("D", "a\\ b"), new KeyValue("E", ""));
        assertThat(ShellWords.standard().expand(env.pairs().get(1).value(), java.util.Map.of())).isEqualTo("two words");
        assertThat(env.expandsWords()).isTrue();
    }

    @Test
    void env_legacyForm_takesTheRestOfTheLine() {
        Env env = only("ENV GREETING hello  big world", Env.class);
        assertThat(env.legacyForm()).isTrue();
        assertThat(env.pairs()).containsExactly(new KeyValue("GREETING", "hello  big world"));
    }

    @Test
    void arg_withAndWithoutDefaults_severalAtOnce() {
        Arg arg = only("ARG VERSION=1.0 DEBUG  NAME=\"a b\"", Arg.class);
        assertThat(arg.declarations()).containsExactly(
                new Arg.Declaration("VERSION", Optional.of("1.0")),
                new Arg.Declaration("DEBUG", Optional.empty()),
                new Arg.Declaration("NAME", Optional.of("\"a b\"")));
    }

    @Test
    void label_pairsWithQuotedKeysAndValues_andLegacyForm() {
        Label label = only("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 multi.label=\"a\\\"b\"",
                Label.class);
        assertThat(label.pairs()).containsExactly(new KeyValue("\"com.example.vendor\"", "\"ACME Inc\""),
                new KeyValue("version", "1.0"), new KeyValue("multi.label", "\"a\\\"b\""));
        Label legacy = only("LABEL description This text", Label.class);
        assertThat(legacy.legacyForm()).isTrue();
        assertThat(legacy.pairs()).containsExactly(new KeyValue("description", "This text"));
    }

    @Test
    void singleStringInstructions_keepTheWholeRest() {
        assertThat(only("WORKDIR /path with/space", Workdir.class).path()).isEqualTo("/path with/space");
        assertThat(only("USER app:app", User.class).user()).isEqualTo("app:app");
        assertThat(only("STOPSIGNAL SIGQUIT", StopSignal.class).signal()).isEqualTo("SIGQUIT");
        Maintainer maintainer = only("MAINTAINER Jane Doe <jane@example.com>", Maintainer.class);
        assertThat(maintainer.name()).isEqualTo("Jane Doe <jane@example.com>");
        assertThat(maintainer.expandsWords()).isFalse();
    }

    @Test
    void copy_shellFormWithFlags() {
        Copy copy = only("COPY --from=build --chown=app:app --chmod=755 --link out/app  out/lib /usr/local/bin/",
                Copy.class);
        assertThat(copy.from()).contains("build");
        assertThat(copy.chown()).contains("app:app");
        assertThat(copy.chmod()).contains("755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.sources()).containsExactly("out/app", "out/lib");
        assertThat(copy.destination()).isEqualTo("/usr/local/bin/");
        assertThat(copy.jsonForm()).isFalse();
    }

    @Test
    void copy_jsonForm_allowsSpacesInPaths() {
        Copy copy = only("COPY [\"my file.txt\", \"other file\", \"/dest dir/\"]", Copy.class);
        assertThat(copy.jsonForm()).isTrue();
        assertThat(copy.sources()).containsExactly("my file.txt", "other file");
        assertThat(copy.destination()).isEqualTo("/dest dir/");
        assertThat(copy.link()).isFalse();
    }

    @Test
    void copy_linkFalse_andExcludeRepeats() {
        Copy copy = only("COPY --link=false --exclude=*.md --exclude=docs/ . /src", Copy.class);
        assertThat(copy.link()).isFalse();
        assertThat(copy.excludes()).containsExactly("*.md", "docs/");
    }

    @Test
    void add_bothFormsAndItsFlags() {
        Add add = only("ADD --checksum=sha256:abc --keep-git-dir https://example.com/a.tgz /opt/", Add.class);
        assertThat(add.checksum()).contains("sha256:abc");
        assertThat(add.keepGitDir()).isTrue();
        assertThat(add.sources()).containsExactly("https://example.com/a.tgz");
        Add json = only("ADD [\"a b.tar\", \"/x\"]", Add.class);
        assertThat(json.sources()).containsExactly("a b.tar");
        assertThat(json.destination()).isEqualTo("/x");
    }

    @Test
    void expose_splitsPorts() {
        assertThat(only("EXPOSE 80 443/tcp  53/udp ${PORT}", Expose.class).ports())
                .containsExactly("80", "443/tcp", "53/udp", "${PORT}");
    }

    @Test
    void volume_jsonOrSpaceList() {
        Volume json = only("VOLUME [\"/data\", \"/var/log app\"]", Volume.class);
        assertThat(json.paths()).containsExactly("/data", "/var/log app");
        assertThat(json.jsonForm()).isTrue();
        Volume list = only("VOLUME /data /logs", Volume.class);
        assertThat(list.paths()).containsExactly("/data", "/logs");
        assertThat(list.jsonForm()).isFalse();
    }

    @Test
    void shell_isJsonOnly() {
        assertThat(only("SHELL [\"powershell\", \"-command\"]", Shell.class).shell())
                .containsExactly("powershell", "-command");
    }

    @Test
    void healthcheck_cmdWithEveryFlag() {
        Healthcheck check = only("HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s "
                + "--start-interval=500ms --retries=4 CMD curl -f http://localhost/ || exit 1", Healthcheck.class);
        assertThat(check.none()).isFalse();
        assertThat(check.interval()).contains(Duration.ofMinutes(5));
        assertThat(check.timeout()).contains(Duration.ofSeconds(3));
        assertThat(check.startPeriod()).contains(Duration.ofSeconds(90));
        assertThat(check.startInterval()).contains(Duration.ofMillis(500));
        assertThat(check.retries()).contains(4);
        assertThat(check.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
    }

    @Test
    void healthcheck_execFormAndNone() {
        Healthcheck exec = only("HEALTHCHECK cmd [\"/bin/check\", \"--quick\"]", Healthcheck.class);
        assertThat(exec.test()).containsExactly("CMD", "/bin/check", "--quick");
        assertThat(exec.interval()).isEmpty();
        Healthcheck none = only("HEALTHCHECK none", Healthcheck.class);
        assertThat(none.none()).isTrue();
        assertThat(none.test()).containsExactly("NONE");
    }

    @Test
    void healthcheck_zeroDuration_meansDefault() {
        assertThat(only("HEALTHCHECK --interval=0 CMD true", Healthcheck.class).interval()).isEmpty();
        assertThat(only("HEALTHCHECK --timeout=1.5h CMD true", Healthcheck.class).timeout())
                .contains(Duration.ofMinutes(90));
    }

    @Test
    void onbuild_wrapsAParsedTrigger() {
        OnBuild onBuild = only("ONBUILD   COPY --chown=1:1 . /src", OnBuild.class);
        assertThat(onBuild.expression()).isEqualTo("COPY --chown=1:1 . /src");
        assertThat(onBuild.trigger()).isInstanceOf(Copy.class);
        assertThat(((Copy) onBuild.trigger()).chown()).contains("1:1");
        assertThat(onBuild.trigger().location()).isEqualTo(new Location("Dockerfile", 2, 11));
        assertThat(onBuild.expandsWords()).isFalse();
    }

    @Test
    void keywords_areCaseInsensitive() {
        List<Instruction> body = Parsing.body("run a\nRuN b\nWorkDir /x\n");
        assertThat(body).extracting(Instruction::keyword)
                .containsExactly(Keyword.RUN, Keyword.RUN, Keyword.WORKDIR);
    }

    @Test
    void locationAndOriginal_pointAtTheKeyword() {
        List<Instruction> body = Parsing.body("\n   RUN   make  \n");
        assertThat(body.get(0).location()).isEqualTo(new Location("Dockerfile", 3, 4));
        assertThat(body.get(0).original()).isEqualTo("RUN   make");
    }

    @Test
    void expandingKeywords_matchDockersList() {
        assertThat(java.util.Arrays.stream(Keyword.values()).filter(Keyword::expandsWords))
                .containsExactlyInAnyOrder(Keyword.ADD, Keyword.ARG, Keyword.COPY, Keyword.ENV, Keyword.EXPOSE,
                        Keyword.FROM, Keyword.LABEL, Keyword.STOPSIGNAL, Keyword.USER, Keyword.VOLUME,
                        Keyword.WORKDIR);
    }
}
