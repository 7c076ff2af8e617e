package io.jailcell.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Locks that keep two JVMs (and threads of one) from corrupting the store. Builds, pulls and starts hold the
 * {@linkplain #use() use lock} shared while they write blobs and snapshots nothing references yet; garbage
 * collection holds it exclusively. Updates of {@code index.json} hold the short {@linkplain #index() index lock}.
 * A JVM-wide lock sits in front of each file lock, because the JDK refuses overlapping file locks in one JVM.
 *
 * <pre>{@code
 * try (StoreLocks.Held held = locks.use()) {
 *     ... write blobs, then tag ...
 * }
 * }</pre>
 */
public final class StoreLocks {
    private static final java.util.Map<Path, StoreLocks> BY_DIR = new java.util.HashMap<>();

    private final FileLockGate use;
    private final FileLockGate index;

    private StoreLocks(Path dir) {
        this.use = new FileLockGate(dir.resolve("use.lock"));
        this.index = new FileLockGate(dir.resolve("index.lock"));
    }

    /** The locks of the store whose lock files live in {@code dir}; one object per directory in a JVM. */
    public static synchronized StoreLocks in(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        StoreLocks locks = BY_DIR.get(key);
        if (locks == null) {
            locks = new StoreLocks(key);
            BY_DIR.put(key, locks);
        }
        return locks;
    }

    /** Held while making or using content that garbage collection must not take. */
    public Held use() {
        return use.shared();
    }

    /** Held while collecting garbage: no build, pull or start runs meanwhile. */
    public Held collect() {
        return use.exclusive();
    }

    /** Held while reading-modifying-writing the image index. */
    public Held index() {
        return index.exclusive();
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final class FileLockGate {
        private final Path file;
        private final ReentrantReadWriteLock jvm = new ReentrantReadWriteLock();
        private FileChannel channel;
        private FileLock sharedLock;
        private int sharedHolders;

        FileLockGate(Path file) {
            this.file = file;
        }

        Held shared() {
            jvm.readLock().lock();
            try {
                synchronized (this) {
                    if (sharedHolders == 0) {
                        sharedLock = channel().lock(0, Long.MAX_VALUE, true);
                    }
                    sharedHolders++;
                }
            } catch (IOException | RuntimeException e) {
                jvm.readLock().unlock();
                throw failure(e);
            }
            return new Held() {
                private boolean closed;

                @Override
                public void close() {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    synchronized (FileLockGate.this) {
                        if (--sharedHolders == 0) {
                            release(sharedLock);
                            sharedLock = null;
                        }
                    }
                    jvm.readLock().unlock();
                }
            };
        }

        Held exclusive() {
            jvm.writeLock().lock();
            FileLock lock;
            try {
                synchronized (this) {
                    lock = channel().lock();
                }
            } catch (IOException | RuntimeException e) {
                jvm.writeLock().unlock();
                throw failure(e);
            }
            return new Held() {
                private boolean closed;

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        release(lock);
                        jvm.writeLock().unlock();
                    }
                }
            };
        }

        private FileChannel channel() throws IOException {
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
            return channel;
        }

        private static void release(FileLock lock) {
            try {
                lock.release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private RuntimeException failure(Exception e) {
            return e instanceof RuntimeException r ? r
                    : new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), (IOException) e);
        }
    }
}
