package io.jailcell.linux.helper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The native helper, extracted once per content hash from the jar into {@code DIR/<sha256>/jailcell-helper}
 * (mode 0555) and verified before each use by its inode, size, ctime, mode and owner, which any write, chmod or
 * replacement changes (and nobody can set ctime back). The SHA-256 is checked when the file is extracted and
 * whenever that stat differs from the one recorded next to it then: hashing the binary at every JVM start would
 * cost a cold CLI more than a container start does.
 */
public final class HelperBinary {
    private static final String RESOURCE = "/io/jailcell/native/jailcell-helper";

    private final Path path;
    private final String sha256;
    private Map<String, Object> verifiedStat;

    private HelperBinary(Path path, String sha256) {
        this.path = path;
        this.sha256 = sha256;
    }

    /** Extracts the helper into {@code dir} unless an intact copy is already there. */
    public static HelperBinary install(Path dir) {
        String sha = expectedSha256();
        Path target = dir.resolve(sha).resolve("jailcell-helper");
        HelperBinary helper = new HelperBinary(target, sha);
        try {
            if (!helper.matchesRecordedStat()) {
                if (!Files.exists(target) || !sha.equals(sha256Of(target))) {
                    helper.extract();
                }
                helper.recordStat();
            }
            helper.rememberStat();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the jailcell helper into " + dir + ": " + e.getMessage()
                    + " (set JAILCELL_ROOT to a writable directory)", e);
        }
        return helper;
    }

    /** The path of the verified binary; call right before each use. */
    public Path verifiedPath() {
        try {
            if (!stat().equals(verifiedStat)) {
                if (!sha256.equals(sha256Of(path))) {
                    extract();
                }
                recordStat();
                rememberStat();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot verify the jailcell helper " + path + ": " + e.getMessage(), e);
        }
        return path;
    }

    /**
     * A directory for data that belongs to this helper build, such as its compiled seccomp programs; created on
     * first use, and gone with the helper's own directory.
     */
    public Path dataDir(String name) throws IOException {
        return Files.createDirectories(path.resolveSibling(name));
    }

    public String sha256() {
        return sha256;
    }

    private void extract() throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".helper", ".tmp");
        try (InputStream in = resource(RESOURCE)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!sha256.equals(sha256Of(tmp))) {
                throw new IOException("the helper in the jar does not match its recorded hash; rebuild the runtime");
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void rememberStat() throws IOException {
        verifiedStat = stat();
    }

    private Path statRecord() {
        return path.resolveSibling("jailcell-helper.stat");
    }

    private boolean matchesRecordedStat() throws IOException {
        Path record = statRecord();
        return Files.exists(path) && Files.exists(record)
                && Files.readString(record, StandardCharsets.US_ASCII).equals(describe(stat()));
    }

    private void recordStat() throws IOException {
        Path tmp = Files.createTempFile(path.getParent(), ".stat", ".tmp");
        Files.writeString(tmp, describe(stat()), StandardCharsets.US_ASCII);
        Files.move(tmp, statRecord(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String describe(Map<String, Object> stat) {
        FileTime ctime = (FileTime) stat.get("ctime");
        return stat.get("ino") + " " + stat.get("size") + " " + ctime.to(TimeUnit.NANOSECONDS) + " "
                + stat.get("mode") + " " + stat.get("uid");
    }

    private Map<String, Object> stat() throws IOException {
        return Files.readAttributes(path, "unix:ino,size,ctime,mode,uid");
    }

    private static String expectedSha256() {
        try (InputStream in = resource(RESOURCE + ".sha256")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = HelperBinary.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the native helper " + name + " is missing from the class path: build "
                    + "the runtime with 'mvn package' (it needs gcc and libc6-dev)");
        }
        return in;
    }

    static String sha256Of(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
