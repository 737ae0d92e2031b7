package io.synapsedb.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Which cluster owns a base directory.
 *
 * <p>Between JVMs: a file lock on {@value #LOCK_FILE}, held while a cluster runs, so a second JVM
 * refuses to start a cluster on a directory another live JVM uses instead of killing its servers
 * (the OS drops the lock when a JVM dies, which is what makes its leftovers "stale"). Within a JVM
 * the lock is shared: a new cluster on the same directory supersedes an older one that was never
 * closed, and the superseded one no longer deletes anything when it is finally closed.
 *
 * <p>The lock file also marks the directory as the launcher's: a non-empty directory without it is
 * never used, since starting a cluster deletes the node directories in it.
 */
final class BaseDirOwnership {

    static final String LOCK_FILE = ".synapsedb-local.lock";

    /** Lock held by this JVM for each base directory, and the cluster that currently owns it. */
    private static final Map<Path, BaseDirOwnership> OWNERS = new HashMap<>();

    private final Path baseDir;
    private final FileChannel channel;
    private final FileLock lock;

    private BaseDirOwnership(Path baseDir, FileChannel channel, FileLock lock) {
        this.baseDir = baseDir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes ownership of {@code dir}, creating it if needed. */
    static BaseDirOwnership acquire(Path dir) throws IOException {
        Path baseDir = dir.toAbsolutePath().normalize();
        synchronized (OWNERS) {
            BaseDirOwnership previous = OWNERS.get(baseDir);
            if (previous != null) {
                // An earlier cluster of this JVM was not closed: take its lock over.
                BaseDirOwnership next = new BaseDirOwnership(baseDir, previous.channel, previous.lock);
                OWNERS.put(baseDir, next);
                return next;
            }
            Files.createDirectories(baseDir);
            Path lockFile = baseDir.resolve(LOCK_FILE);
            if (!Files.exists(lockFile) && !isEmpty(baseDir)) {
                throw new IOException("Refusing to use " + baseDir + " as a local cluster's base directory: it is not"
                        + " empty and was not made by the launcher (no " + LOCK_FILE + ")");
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IOException("The local cluster in " + baseDir + " is in use by another running process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; close it or choose another name or base directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            BaseDirOwnership ownership = new BaseDirOwnership(baseDir, channel, lock);
            OWNERS.put(baseDir, ownership);
            return ownership;
        }
    }

    Path baseDir() {
        return baseDir;
    }

    /** False once a newer cluster of this JVM took the directory over, or after {@link #release()}. */
    boolean isCurrent() {
        synchronized (OWNERS) {
            return OWNERS.get(baseDir) == this;
        }
    }

    /** Gives the directory up (no-op for a superseded owner). */
    void release() {
        synchronized (OWNERS) {
            if (OWNERS.get(baseDir) != this) {
                return;
            }
            OWNERS.remove(baseDir);
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel, and the channel with the JVM at the latest
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }
}
