package io.jailcell.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * binder/Dockerfile is what repo2docker accepts and what BinderIT tests: every RUN is a part of binder/install.sh
 * (the script BinderIT runs), the root part before the switch to the notebook user and the user part after it,
 * and Jupyter starts in {@code notebooks/} as that user.
 */
class BinderDockerfileTest {
    private static final Path BINDER = Path.of(System.getProperty("jailcell.binder", "../binder"));

    /** The instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions() throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(BINDER.resolve("Dockerfile"))) {
            if (current.length() == 0 && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            String s = line.strip();
            if (s.endsWith("\\")) {
                current.append(s, 0, s.length() - 1).append(' ');
            } else {
                out.add(current.append(s).toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void everyRunIsAPartOfTheInstallScript_rootBeforeTheNotebookUser_userAfter() throws Exception {
        List<String> steps = instructions();
        assertThat(steps.get(0)).matches("FROM (debian|ubuntu):\\S+");
        assertThat(steps).contains("ARG NB_USER=jovyan", "ARG NB_UID=1000");
        assertThat(steps).anyMatch(s -> s.matches("COPY (--chown=\\$\\{NB_UID}:\\$\\{NB_UID} )?\\. \\$\\{HOME}"));
        List<String> runs = steps.stream().filter(s -> s.startsWith("RUN ")).toList();
        assertThat(runs).containsExactly("RUN ${HOME}/binder/install.sh root", "RUN ${HOME}/binder/install.sh user");
        int user = steps.indexOf("USER ${NB_USER}");
        assertThat(user).as("USER ${NB_USER}").isPositive();
        assertThat(steps.indexOf(runs.get(0))).isLessThan(user);
        assertThat(steps.indexOf(runs.get(1))).isGreaterThan(user);
        assertThat(steps.stream().filter(s -> s.startsWith("USER ")).toList()).as("the image runs as the notebook user")
                .containsExactly("USER ${NB_USER}");
        assertThat(steps).contains("WORKDIR ${HOME}/notebooks");
        assertThat(steps.get(steps.size() - 1)).startsWith("CMD [\"jupyter\", \"notebook\"");
        assertThat(Files.isExecutable(BINDER.resolve("install.sh"))).isTrue();
    }

    @Test
    void theInstallScriptInstallsWhatTheImageNeeds() throws Exception {
        String script = Files.readString(BINDER.resolve("install.sh"));
        for (String pkg : List.of("openjdk-17-jdk-headless", "maven", "gcc", "libc6-dev", "libseccomp-dev",
                "jupyter-notebook", "busybox-static", "containernetworking-plugins", "uidmap")) {
            assertThat(script).containsPattern("\n    [^#\n]*\\b" + pkg + "\\b");
        }
        assertThat(script).contains("runtime/bin/jailcell kernel install --user").contains("-DskipTests package");
    }
}
