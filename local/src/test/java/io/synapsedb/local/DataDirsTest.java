package io.synapsedb.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirsTest {

    @Test
    void backupCopyLeavesOutWhatPostgresRebuildsOrStreams(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("primary");
        DataDirs.createPrivateDirectory(source);
        write(source.resolve("PG_VERSION"), "17");
        write(source.resolve("postgresql.conf"), "port = 1");
        write(source.resolve("postmaster.pid"), "123");
        write(source.resolve("postmaster.opts"), "postgres");
        write(source.resolve("base/5/16384"), "table");
        write(source.resolve("global/pg_internal.init"), "cache");
        write(source.resolve("pg_wal/000000010000000000000001"), "wal");
        Files.createDirectories(source.resolve("pg_wal/archive_status"));
        write(source.resolve("pg_replslot/node0_replica1/state"), "slot");
        write(source.resolve("pg_stat_tmp/global.stat"), "stats");
        write(source.resolve("base/pgsql_tmp/pgsql_tmp1.0"), "sort");

        Path target = tmp.resolve("replica");
        DataDirs.copyForBackup(source, target);

        assertThat(target.resolve("PG_VERSION")).hasContent("17");
        assertThat(target.resolve("postgresql.conf")).exists();
        assertThat(target.resolve("base/5/16384")).hasContent("table");
        assertThat(target.resolve("postmaster.pid")).doesNotExist();
        assertThat(target.resolve("postmaster.opts")).doesNotExist();
        assertThat(target.resolve("global/pg_internal.init")).doesNotExist();
        assertThat(target.resolve("pg_wal")).isDirectoryContaining(p -> p.endsWith("archive_status"));
        assertThat(target.resolve("pg_wal/archive_status")).isEmptyDirectory();
        assertThat(target.resolve("pg_wal/000000010000000000000001")).doesNotExist();
        assertThat(target.resolve("pg_replslot")).isEmptyDirectory();
        assertThat(target.resolve("pg_stat_tmp")).isEmptyDirectory();
        assertThat(target.resolve("base/pgsql_tmp")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwx------");
    }

    @Test
    void plainCopyKeepsEverythingAndDeleteRemovesIt(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("template");
        DataDirs.createPrivateDirectory(source);
        write(source.resolve("PG_VERSION"), "17");
        write(source.resolve("pg_wal/000000010000000000000001"), "wal");
        Path target = tmp.resolve("node");
        DataDirs.copy(source, target);
        assertThat(target.resolve("pg_wal/000000010000000000000001")).hasContent("wal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwx------");
        DataDirs.deleteTree(target);
        assertThat(target).doesNotExist();
        DataDirs.deleteTree(target); // absent: fine
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
