package io.synapsedb.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operating-system identity PostgreSQL processes run under.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is not root the binaries run directly. When it
 * is root, the relocatable zonky binaries run inside a fresh user namespace ({@code unshare -U}): the
 * server's euid is then the overflow user, and root-owned files appear owned by that same user, so
 * the data-directory ownership check passes while the files stay root-owned on the host. An
 * installed PostgreSQL (Debian's, say) runs as the {@code postgres} OS user via {@code setpriv}; its
 * files must then be owned by that user and every parent directory traversable by it. Both
 * {@code unshare} and {@code setpriv} exec the target, so the launched process's pid is the
 * postmaster's.
 */
final class ServerAccount {

    enum Mode { DIRECT, USER_NAMESPACE, OS_USER }

    static final String OS_USER_NAME = "postgres";

    private final Mode mode;

    private ServerAccount(Mode mode) {
        this.mode = mode;
    }

    /** Chooses how to run binaries: {@code installed} is true for a system PostgreSQL, false for zonky's. */
    static ServerAccount select(boolean installed) {
        if (!runningAsRoot()) {
            return new ServerAccount(Mode.DIRECT);
        }
        if (installed && osUserExists()) {
            return new ServerAccount(Mode.OS_USER);
        }
        return new ServerAccount(Mode.USER_NAMESPACE);
    }

    Mode mode() {
        return mode;
    }

    /** Wraps a PostgreSQL command line so it runs under this account. */
    List<String> command(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        switch (mode) {
            case USER_NAMESPACE -> wrapped.addAll(List.of("unshare", "-U"));
            case OS_USER -> wrapped.addAll(List.of("setpriv", "--reuid=" + OS_USER_NAME,
                    "--regid=" + OS_USER_NAME, "--init-groups"));
            case DIRECT -> { }
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a directory tree to the server's OS user (a no-op unless running as another OS user). */
    void takeOwnership(Path tree) throws IOException {
        if (mode != Mode.OS_USER) {
            return;
        }
        UserPrincipalLookupService lookup = tree.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(OS_USER_NAME);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(OS_USER_NAME);
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file);
                return FileVisitResult.CONTINUE;
            }

            private void chown(Path path) throws IOException {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        });
    }

    /**
     * Fails early, with advice, when the server's OS user could not reach {@code dir}: a root JVM's
     * default directories live under /root, which the postgres user cannot enter.
     */
    void checkReachable(Path dir) throws IOException {
        if (mode != Mode.OS_USER) {
            return;
        }
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("Directory " + p + " is not traversable by the '" + OS_USER_NAME
                        + "' OS user that runs the installed PostgreSQL; choose a base directory under "
                        + System.getProperty("java.io.tmpdir") + " (LocalCluster.Builder.baseDir)");
            }
        }
    }

    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return "0".equals(ids[1]); // the effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux /proc: fall back to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean osUserExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER_NAME);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return mode.name();
    }
}
