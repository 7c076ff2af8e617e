package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jailcell.api.Jailcell;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Binder image's steps run on this machine, as binder/Dockerfile runs them: {@code binder/install.sh root} as
 * root (the packages are present, so it checks them and changes nothing), then {@code binder/install.sh user} as
 * uid 65534 in a scratch copy of the repository with a scratch HOME, building offline from a read-only, hard-linked
 * copy of root's Maven repository. Then Jupyter, as that user, must list the {@code jailcell} kernel from that HOME
 * and run notebook 01 on it without an error. Nothing outside the scratch directory changes: root's and the
 * system's kernelspecs are checked before and after.
 */
class BinderIT {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + TutorialRun.NOBODY,
            "--regid=" + TutorialRun.NOBODY, "--clear-groups");

    @Test
    void theBinderStepsBuildAndInstallTheKernelForAnUnprivilegedUser_whoRunsNotebook01() throws Exception {
        assumeTrue(Jailcell.probe().root(), "the root part installs packages: the test runs as root");
        assumeTrue(Jupyter.onPath("jupyter") && Jupyter.onPath("dpkg-query"), "Debian with Jupyter is needed");
        Path m2 = Path.of(System.getProperty("user.home"), ".m2/repository");
        assumeTrue(Files.isDirectory(m2), "the offline build needs root's Maven repository at " + m2);
        List<Path> outside = List.of(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels/jailcell"),
                Path.of("/usr/local/share/jupyter/kernels/jailcell"), Path.of("/usr/share/jupyter/kernels/jailcell"));
        List<FileTime> before = stamps(outside);

        Path scratch = Files.createTempDirectory("jc-binder");
        try {
            Jupyter.openUp(scratch);
            Path repo = copyOfTheRepository(scratch.resolve("repo"));
            Path home = Files.createDirectory(scratch.resolve("home"));
            UserPrincipal nobody = scratch.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(home, nobody);
            Jupyter.run(scratch, Map.of(), List.of(), Duration.ofMinutes(1), "chown", "-R", "nobody:nogroup",
                    repo.toString());
            // hard links: the jars are shared and stay root's; the copied directories are readable, not writable
            Path repoLocal = scratch.resolve("m2");
            Jupyter.run(scratch, Map.of(), List.of(), Duration.ofMinutes(2), "cp", "-al", m2.toString(),
                    repoLocal.toString());
            Jupyter.run(scratch, Map.of(), List.of(), Duration.ofMinutes(1), "find", repoLocal.toString(),
                    "-type", "d", "-exec", "chmod", "755", "{}", "+");

            String rootPart = Jupyter.run(repo, Map.of("NB_USER", "nobody", "NB_UID", "65534"), List.of(),
                    Duration.ofMinutes(10), repo.resolve("binder/install.sh").toString(), "root");
            assertThat(rootPart).containsPattern("binder: all \\d+ packages are installed");

            Map<String, String> userEnv = Map.of("HOME", home.toString(),
                    "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                    "JAILCELL_MVN_ARGS", "-B -ntp -q -o -Dmaven.repo.local=" + repoLocal);
            String userPart = Jupyter.run(repo, userEnv, AS_NOBODY, Duration.ofMinutes(15),
                    repo.resolve("binder/install.sh").toString(), "user");
            assertThat(userPart).contains("binder: the jailcell kernel is installed for nobody");

            Path spec = home.resolve(".local/share/jupyter/kernels/jailcell/kernel.json");
            assertThat(Files.getOwner(spec).getName()).isEqualTo("nobody");
            assertThat(Jupyter.JSON.readTree(spec.toFile()).get("argv").toString())
                    .contains(repo.resolve("kernel-ext/target/jailcell-kernel.jar").toString());
            JsonNode specs = Jupyter.JSON.readTree(Jupyter.run(repo, Map.of("HOME", home.toString()), AS_NOBODY,
                    Duration.ofMinutes(1), "jupyter", "kernelspec", "list", "--json")).get("kernelspecs");
            assertThat(specs.path("jailcell").path("resource_dir").asText()).isEqualTo(spec.getParent().toString());

            TutorialRun run = TutorialRun.execute("01-containers-vs-vms", scratch, Map.of(), AS_NOBODY, "binder");
            try {
                assertThat(run.problems()).isEmpty();
                assertThat(TutorialRun.text(run.codeCells().get(0))).containsPattern("Mode:? +rootless");
                run.assertNothingLeft();
            } finally {
                run.prune(true);
            }
        } finally {
            new ProcessBuilder("rm", "-rf", scratch.toString()).start().waitFor();
        }
        assertThat(stamps(outside)).as("kernelspecs outside the scratch HOME").isEqualTo(before);
    }

    /** The repository's files as git sees them (tracked, and new ones not ignored), without build outputs. */
    private static Path copyOfTheRepository(Path to) throws Exception {
        String files = Jupyter.run(REPO, Map.of(), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        for (String f : files.split("\0")) {
            Path from = REPO.resolve(f);
            if (f.isEmpty() || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;     // deleted in the work tree, not yet in the index
            }
            Files.createDirectories(to.resolve(f).getParent());
            Files.copy(from, to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        return to;
    }

    private static List<FileTime> stamps(List<Path> paths) throws Exception {
        List<FileTime> out = new ArrayList<>();
        for (Path p : paths) {
            Path spec = p.resolve("kernel.json");
            out.add(Files.exists(spec) ? Files.getLastModifiedTime(spec) : FileTime.fromMillis(0));
        }
        return out;
    }
}
