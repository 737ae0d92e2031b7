package io.synapsedb.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for one-time work on shared caches (extracting binaries, building a template),
 * both between threads of this JVM and between JVMs.
 *
 * <p>A {@link FileLock} is held per process, so two threads of one JVM asking for the same file
 * would get an {@link java.nio.channels.OverlappingFileLockException}; an in-JVM lock per path
 * orders them first.
 */
final class FileLocks {

    /** Work run while the lock is held. */
    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException;
    }

    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** Runs {@code action} while holding an exclusive lock on {@code lockFile} (created if absent). */
    @SuppressWarnings("try") // the lock is held for the block's duration, not used in it
    static <T> T withLock(Path lockFile, LockedAction<T> action) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }
}
