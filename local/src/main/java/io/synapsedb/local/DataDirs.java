package io.synapsedb.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File-tree chores for data directories: copying (whole, or as an online base backup), deleting. */
final class DataDirs {

    /**
     * Directories whose contents a base backup leaves out (the directory itself is kept, empty), as
     * PostgreSQL's own base backup does: WAL comes from streaming, the rest is rebuilt at start-up.
     * Sub-directories of pg_wal (archive_status, and summaries since 17) are kept, empty; those of the
     * others are left out (a slot directory without its state file would stop the replica).
     */
    private static final Set<String> BACKUP_EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp",
            "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    /** Top-level files a base backup leaves out: they describe the running primary, not the data. */
    private static final Set<String> BACKUP_SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts",
            "backup_label", "backup_label.old", "tablespace_map", "tablespace_map.old", "standby.signal",
            "recovery.signal", "current_logfiles");

    private DataDirs() {
    }

    /** Creates a directory readable only by its owner (PostgreSQL demands 0700 on a data directory). */
    static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Copies a stopped data directory (a template) file by file, keeping permissions and owners. */
    static void copy(Path source, Path target) throws IOException {
        copyTree(source, target, false);
    }

    /**
     * Copies a running primary's data directory between {@code pg_backup_start} and
     * {@code pg_backup_stop}. Files may change or vanish meanwhile: WAL replay from the backup's start
     * point repairs torn pages (full-page writes are forced during a backup), and a vanished file was
     * dropped by a change that replay will also see.
     */
    static void copyForBackup(Path source, Path target) throws IOException {
        copyTree(source, target, true);
    }

    private static void copyTree(Path source, Path target, boolean backup) throws IOException {
        Path root = source.toAbsolutePath().normalize();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = root.relativize(dir);
                if (backup && relative.getNameCount() == 1 && relative.toString().equals("log")) {
                    return FileVisitResult.SKIP_SUBTREE; // server logs, when logging into the data directory
                }
                if (backup && relative.getFileName().toString().startsWith("pgsql_tmp")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (backup && relative.getNameCount() > 1 && !relative.getName(0).toString().equals("pg_wal")
                        && BACKUP_EMPTIED_DIRS.contains(relative.getName(0).toString())) {
                    return FileVisitResult.SKIP_SUBTREE; // e.g. a slot directory without its state file
                }
                Files.copy(dir, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = root.relativize(file);
                if (backup && skippedInBackup(relative) || !attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException vanished) {
                    if (!backup) {
                        throw vanished;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (backup && e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static boolean skippedInBackup(Path relative) {
        String fileName = relative.getFileName().toString();
        if (relative.getNameCount() == 1 && BACKUP_SKIPPED_FILES.contains(fileName)) {
            return true;
        }
        if (fileName.equals("pg_internal.init") || fileName.startsWith("pgsql_tmp")) {
            return true; // relcache init files are rebuilt; temp files belong to running queries
        }
        // a file whose top directory is emptied by a backup (directories under it are still created)
        return relative.getNameCount() > 1 && BACKUP_EMPTIED_DIRS.contains(relative.getName(0).toString());
    }

    /** Deletes a tree; files that vanish meanwhile are fine. */
    static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The last {@code maxLines} lines of a log file written after byte {@code fromOffset}, for error
     * messages; empty if there are none.
     */
    static String tail(Path log, long fromOffset, int maxLines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(Math.max(0, fromOffset), length - 8192);
            if (start >= length) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(0, lines.length - maxLines);
            return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
        } catch (IOException e) {
            return "";
        }
    }
}
