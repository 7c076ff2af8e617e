package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.cgroup.CgroupLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final String ID_A = "aaaa1111" + "0".repeat(56);
    private static final String ID_B = "bbbb2222" + "0".repeat(56);
    private static final String ID_B2 = "bbbb3333" + "0".repeat(56);

    @TempDir
    Path tmp;
    Path containers;
    Path names;
    StateStore store;

    @BeforeEach
    void setUp() throws IOException {
        containers = Files.createDirectories(tmp.resolve("containers"));
        names = Files.createDirectories(tmp.resolve("names"));
        store = new StateStore(containers, names);
    }

    private static ContainerConfig config() {
        return new ContainerConfig("busybox", "sha256:" + "a".repeat(64), List.of("/images/busybox"),
                List.of("sh", "-c", "sleep 1"), List.of("A=1"),
                "/app", "1000:1000", "box", Map.of("pid", "private", "net", "host"), List.of("NET_ADMIN"),
                List.of("CHOWN"), List.of("nofile=10:20"), true, true, "none", false, true, false,
                new CgroupLimits(64L << 20, -1L, 50_000L, 100_000L, 512L, "0-1", null, 20L, 300),
                List.of(MountSpec.parseVolume("data:/data:ro"), MountSpec.parseTmpfs("/run:size=16m")), List.of(),
                List.of(), "unconfined", true);
    }

    private static ContainerRecord record(String id, String name, Instant created) {
        return new ContainerRecord(id, name, config(), ContainerStatus.CREATED, created, null, null, 0, 0, 0, 0, 0,
                0, null, Map.of(), Map.of(), false);
    }

    @Test
    void save_thenLoad_roundTripsEveryFieldIncludingNanosecondInstants() {
        ContainerRecord r = new ContainerRecord(ID_A, "web", config(), ContainerStatus.EXITED,
                Instant.parse("2024-05-01T10:15:30.123456789Z"), Instant.parse("2024-05-01T10:15:31Z"),
                Instant.parse("2024-05-01T10:16:00.5Z"), 0, 0, 0, 0, 137, 9, "killed",
                Map.of("pid", "4026531836", "net", "4026531840"), Map.of("unified", "/sys/fs/cgroup/jailcell/x"),
                true);

        store.save(r);

        assertThat(store.load(ID_A)).contains(r);
    }

    @Test
    void save_writesStateJsonAtomicallyLeavingNoTempFile() throws IOException {
        store.save(record(ID_A, "web", Instant.parse("2024-01-01T00:00:00Z")));

        assertThat(containers.resolve(ID_A).resolve("state.json")).isRegularFile();
        assertThat(containers.resolve(ID_A).resolve("state.json.tmp")).doesNotExist();
        assertThat(Files.readString(containers.resolve(ID_A).resolve("state.json")))
                .contains("\"created\" : \"2024-01-01T00:00:00Z\"");
    }

    @Test
    void save_again_replacesTheState() {
        ContainerRecord created = record(ID_A, "web", Instant.parse("2024-01-01T00:00:00Z"));
        store.save(created);

        ContainerRecord running = created.running(4242, 17, 4241, 16, Map.of("pid", "1"), Map.of("memory", "/sys/fs/cgroup/memory/jailcell/x"));
        store.save(running);

        assertThat(store.load(ID_A)).contains(running);
        assertThat(store.load(ID_A).orElseThrow().status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(store.load(ID_A).orElseThrow().pid()).isEqualTo(4242);
    }

    @Test
    void load_unknownId_isEmpty() {
        assertThat(store.load(ID_A)).isEmpty();
    }

    @Test
    void load_dirWithoutStateFile_isEmpty() throws IOException {
        Files.createDirectories(containers.resolve(ID_A));

        assertThat(store.load(ID_A)).isEmpty();
    }

    @Test
    void load_corruptStateFile_failsSayingWhatToRemove() throws IOException {
        Path file = Files.createDirectories(containers.resolve(ID_A)).resolve("state.json");
        Files.writeString(file, "{ not json");

        assertThatThrownBy(() -> store.load(ID_A))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("the state file " + file + " is unreadable (")
                .hasMessageEndingWith("); remove that container directory to discard it");
    }

    @Test
    void list_returnsNewestFirstAndSkipsDirsWithoutState() throws IOException {
        String idC = "cccc" + "0".repeat(60);
        store.save(record(ID_B, "middle", Instant.parse("2024-01-02T00:00:00Z")));
        store.save(record(ID_A, "oldest", Instant.parse("2024-01-01T00:00:00Z")));
        store.save(record(idC, "newest", Instant.parse("2024-01-03T00:00:00Z")));
        Files.createDirectories(containers.resolve("dddd" + "0".repeat(60)));

        assertThat(store.list()).extracting(ContainerRecord::name).containsExactly("newest", "middle", "oldest");
    }

    @Test
    void list_whenEmpty_isEmpty() {
        assertThat(store.list()).isEmpty();
    }

    @Test
    void dir_isTheIdUnderContainers() {
        assertThat(store.dir(ID_A)).isEqualTo(containers.resolve(ID_A));
    }

    // --- resolve

    private void create(String id, String name) {
        store.reserveName(name, id);
        store.save(record(id, name, Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void resolve_byName_followsTheReservation() {
        create(ID_A, "web");

        assertThat(store.resolve("web")).isEqualTo(ID_A);
    }

    @Test
    void resolve_byFullId_returnsIt() {
        create(ID_A, "web");

        assertThat(store.resolve(ID_A)).isEqualTo(ID_A);
    }

    @Test
    void resolve_byUniquePrefix_returnsTheFullId() {
        create(ID_A, "web");
        create(ID_B, "db");

        assertThat(store.resolve("aa")).isEqualTo(ID_A);
        assertThat(store.resolve("bbbb2")).isEqualTo(ID_B);
    }

    @Test
    void resolve_byAmbiguousPrefix_failsAskingForMore() {
        create(ID_B, "db");
        create(ID_B2, "cache");

        assertThatThrownBy(() -> store.resolve("bbbb"))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.NOT_FOUND))
                .hasMessage("Multiple containers match id prefix bbbb: give more of the id");
    }

    @Test
    void resolve_unknown_failsAsNotFound() {
        create(ID_A, "web");

        assertThatThrownBy(() -> store.resolve("nope"))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.NOT_FOUND))
                .hasMessage("No such container: nope (jailcell ps -a lists them)");
    }

    @Test
    void resolve_withSlashBlankOrNull_failsWithoutTouchingTheDisk() {
        assertThatThrownBy(() -> store.resolve("../names")).hasMessage("No such container: '../names'");
        assertThatThrownBy(() -> store.resolve(" ")).hasMessage("No such container: ' '");
        assertThatThrownBy(() -> store.resolve(null)).hasMessage("No such container: 'null'");
    }

    @Test
    void resolve_dotOrDotDot_failsAsNotFound() {
        create(ID_A, "web");

        assertThatThrownBy(() -> store.resolve("..")).isInstanceOf(ContainerException.class);
        assertThatThrownBy(() -> store.resolve(".")).isInstanceOf(ContainerException.class);
    }

    // --- names

    @Test
    void reserveName_createsASymlinkToTheId() throws IOException {
        store.reserveName("web", ID_A);

        assertThat(Files.readSymbolicLink(names.resolve("web"))).isEqualTo(Path.of(ID_A));
    }

    @Test
    void reserveName_takenByAnExistingContainer_failsWithDockersConflictMessage() {
        create(ID_A, "web");

        assertThatThrownBy(() -> store.reserveName("web", ID_B))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.CONFLICT))
                .hasMessage("Conflict. The container name \"/web\" is already in use by container \"" + ID_A
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
        assertThat(store.resolve("web")).isEqualTo(ID_A);
    }

    @Test
    void reserveName_ofAContainerBeingCreated_isAConflict() throws IOException {
        // create() makes the directory before it reserves the name and writes state.json after.
        Files.createDirectories(containers.resolve(ID_A));
        store.reserveName("web", ID_A);

        assertThatThrownBy(() -> store.reserveName("web", ID_B)).isInstanceOf(ContainerException.class)
                .hasMessageContaining("already in use by container \"" + ID_A);
    }

    @Test
    void reserveName_leftByAContainerWhoseDirectoryIsGone_isTakenOver() throws IOException {
        store.reserveName("web", ID_A);

        store.reserveName("web", ID_B);

        assertThat(Files.readSymbolicLink(names.resolve("web"))).isEqualTo(Path.of(ID_B));
    }

    @Test
    void reserveName_leftByAVanishedContainer_isTakenOver() throws IOException {
        store.reserveName("web", ID_A);

        store.reserveName("web", ID_B);

        assertThat(Files.readSymbolicLink(names.resolve("web"))).isEqualTo(Path.of(ID_B));
    }

    @Test
    void reserveName_whenNameEntryIsNotASymlink_eitherTakesItOrFails() throws IOException {
        Files.writeString(names.resolve("web"), "junk");

        try {
            store.reserveName("web", ID_B);
        } catch (ContainerException refused) {
            return;
        }
        assertThat(Files.isSymbolicLink(names.resolve("web"))).as("reservation made").isTrue();
        assertThat(Files.readSymbolicLink(names.resolve("web"))).isEqualTo(Path.of(ID_B));
    }

    @Test
    void releaseName_byOwner_removesTheReservation() {
        store.reserveName("web", ID_A);

        store.releaseName("web", ID_A);

        assertThat(names.resolve("web")).doesNotExist();
        assertThat(Files.isSymbolicLink(names.resolve("web"))).isFalse();
    }

    @Test
    void releaseName_byAnotherId_leavesTheReservation() throws IOException {
        store.reserveName("web", ID_A);

        store.releaseName("web", ID_B);

        assertThat(Files.readSymbolicLink(names.resolve("web"))).isEqualTo(Path.of(ID_A));
    }

    @Test
    void releaseName_withNullId_removesWhateverOwnsIt() {
        store.reserveName("web", ID_A);

        store.releaseName("web", null);

        assertThat(Files.isSymbolicLink(names.resolve("web"))).isFalse();
    }

    @Test
    void releaseName_unreserved_doesNothing() {
        store.releaseName("web", ID_A);

        assertThat(names.resolve("web")).doesNotExist();
    }
}
