/**
 * The local cluster launcher: N PostgreSQL servers on this machine, for the demo, the tests and the
 * benchmarks. {@link io.synapsedb.local.LocalCluster} starts them, {@link io.synapsedb.local.LocalNode}
 * is one of them; {@code LocalCluster.main} runs a cluster from the command line until Ctrl-C. It is
 * an artifact of its own, {@code synapsedb-local}, that uses nothing of the driver (its servers are
 * reached with plain pgJDBC), so the driver jar ships without it.
 *
 * <h2>Binaries</h2>
 * By default the servers run zonky's relocatable PostgreSQL build of the version this launcher was
 * built with (the resource {@code io/synapsedb/local/postgres-version.properties}). Its archive,
 * {@code postgres-linux-x86_64.txz}, is taken from the classpath when the zonky dependency (one of
 * this module's) is there, else from that jar in the local Maven repository, and is downloaded from
 * Maven Central into the local repository (SHA-1 checked) as a last resort. It is extracted once per
 * version into {@code ~/.cache/synapsedb/binaries/postgres-<version>/} (or under {@code $XDG_CACHE_HOME}): into a
 * temporary directory first, renamed into place, under a file lock, so concurrent JVMs neither see a
 * half-extracted tree nor extract twice. The environment variable {@code SYNAPSE_PG_BIN}, or
 * {@code Builder.pgBin}, points at an installed PostgreSQL's bin directory instead.
 *
 * <p>PostgreSQL refuses to run as root. A root JVM runs zonky's binaries inside a user namespace
 * ({@code unshare -U}), where the server's euid and the owner it sees on its root-owned files are the
 * same overflow user; it runs an installed PostgreSQL as the {@code postgres} OS user
 * ({@code setpriv}), with the data directories handed to that user, so those must be under a directory
 * it can traverse (the default, {@code java.io.tmpdir}, is). A non-root JVM runs the binaries directly.
 * In every case the launched process is the postmaster itself, so its pid is the server's.
 *
 * <h2>Template</h2>
 * initdb runs once per binaries and options: the template (initdb with trust authentication for
 * {@code postgres}, UTF8, C locale, then the database created in it, then a clean shutdown) is cached
 * under {@code ~/.cache/synapsedb/templates/} (under {@code java.io.tmpdir} for the postgres-OS-user
 * route), built in a temporary directory and renamed into place under a file lock like the binaries.
 * A node's data directory is a plain file copy of it, which takes a fraction of initdb's time.
 *
 * <h2>Directories and settings</h2>
 * A cluster's base directory is {@code ${java.io.tmpdir}/synapsedb-local/<name>} unless set (the
 * system property {@code synapsedb.local.root} replaces {@code ${java.io.tmpdir}/synapsedb-local}); it holds
 * one directory per node, {@code node0}, {@code node1}, ... and {@code node0-replica1} for replicas,
 * each with the data directory {@code data/}, the server log {@code postgres.log} (logging_collector
 * is off; stdout and stderr go there) and the Unix socket. Every node listens on 127.0.0.1 only, on a
 * free port chosen by the kernel (another one is tried when the port is taken before the server binds
 * it; readiness also checks that the server answering is the one on this data directory), and gets
 * max_connections=200, shared_buffers=32MB, max_prepared_transactions=64 (two-phase commit),
 * wal_level=replica, max_wal_senders=10, max_replication_slots=10 and hot_standby=on, plus
 * fsync/synchronous_commit/full_page_writes off when {@code durable(false)}, plus the builder's own
 * settings. A node is ready when a JDBC connection to it works; a server that exits or is not ready
 * within the start timeout fails the start with the tail of its log.
 *
 * <h2>Clean-up</h2>
 * {@code close()} stops every server the cluster started (fast shutdown, kill -9 after a timeout) and
 * deletes the node directories; a JVM shutdown hook does the same for a cluster that was not closed.
 * When a JVM dies before its hook runs, its servers live on: the next start on the same base
 * directory reads each node's postmaster.pid and kills that pid (SIGKILL) only if it is alive and its
 * /proc command line is a postgres of exactly that data directory, waits for it and its children, and
 * deletes the old node directories. Nothing else is ever killed. A file lock in the base directory,
 * held while a cluster runs, keeps a second JVM from taking over (and killing) a live JVM's cluster;
 * within one JVM, a new cluster on the same directory supersedes an old one that was never closed.
 *
 * <h2>Replicas</h2>
 * {@code addReplica(primary)} makes a streaming replica without pg_basebackup (zonky's archive has
 * none): on one session to the primary it creates a physical replication slot that reserves WAL at
 * once, calls {@code pg_backup_start} ({@code pg_start_backup} before PostgreSQL 15), copies the data
 * directory (without postmaster.pid/opts, the contents of pg_wal and pg_replslot, and the other
 * files PostgreSQL's own base backup leaves out), calls {@code pg_backup_stop} and writes its label
 * file as backup_label. The copy gets standby.signal, and primary_conninfo and primary_slot_name in
 * postgresql.auto.conf; it starts on a new port, streams every WAL record from the backup's
 * checkpoint through the slot, and is returned once it accepts (read-only) connections.
 */
package io.synapsedb.local;
