package io.synapsedb.it;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client of the fault tests, run as a separate JVM so that it can be killed for real
 * ({@code kill -9}, or {@code -Dsynapse.test.haltAt=...} at a protocol step).
 *
 * <pre>
 * commit URL TABLE KEY,KEY,... [hold]      one transaction inserting (key, 'crash') into every key's group;
 *                                          prints "committed" (and any warning) or "failed SQLSTATE message";
 *                                          with hold, the JVM then stays up (its driver keeps recovering)
 *                                          until killed
 * bank URL ACK_FILE THREADS MAX SECONDS ACCOUNTS
 *                                          transfers between random accounts; each acknowledged transfer is
 *                                          appended to ACK_FILE as "id epoch-ms" (and flushed) after commit
 *                                          returned
 * </pre>
 */
public final class CommitClient {

    private CommitClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("commit")) {
            commit(args[1], args[2], args[3], args.length > 4 && args[4].equals("hold"));
        } else if (args[0].equals("bank")) {
            bank(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        } else {
            throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static void commit(String url, String table, String keys, boolean hold) throws Exception {
        Connection c = DriverManager.getConnection(url);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (k, v) VALUES (?, 'crash')")) {
            c.setAutoCommit(false);
            for (String k : keys.split(",")) {
                ps.setLong(1, Long.parseLong(k));
                ps.executeUpdate();
            }
            c.commit();
            System.out.println("committed" + (c.getWarnings() == null ? "" : " with warning " + c.getWarnings().getMessage()));
        } catch (SQLException e) {
            System.out.println("failed " + e.getSQLState() + " " + e.getMessage());
        }
        System.out.flush();
        if (hold) {
            Thread.sleep(TimeUnit.MINUTES.toMillis(3)); // the test kills it
        }
        c.close();
    }

    private static void bank(String url, Path ackFile, int threads, int max, int seconds, int accounts)
            throws Exception {
        AtomicLong nextId = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40) << 20);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (OutputStream ack = new FileOutputStream(ackFile.toFile(), true)) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < deadline && done.get() < max) {
                        long id = nextId.incrementAndGet();
                        if (transfer(url, id, accounts)) {
                            done.incrementAndGet();
                            synchronized (ack) {
                                try {
                                    ack.write((id + " " + System.currentTimeMillis() + "\n")
                                            .getBytes(StandardCharsets.US_ASCII));
                                    ack.flush();
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        }
                    }
                });
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
        }
        System.out.println("transfers " + done.get());
    }

    /** One transfer in one transaction; false when it failed (rolled back or unknown: not acknowledged). */
    private static boolean transfer(String url, long id, int accounts) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int from = r.nextInt(accounts);
        int to = r.nextInt(accounts - 1);
        if (to >= from) {
            to++;
        }
        long amount = r.nextInt(1, 50);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                    PreparedStatement credit = c.prepareStatement(
                            "UPDATE accounts SET balance = balance + ? WHERE id = ?");
                    PreparedStatement log = c.prepareStatement(
                            "INSERT INTO transfers (id, from_account, to_account, amount) VALUES (?, ?, ?, ?)")) {
                // Accounts are locked in id order, so transfers never deadlock across groups (which no
                // single PostgreSQL server could detect).
                debit.setLong(1, amount);
                debit.setInt(2, from);
                credit.setLong(1, amount);
                credit.setInt(2, to);
                if (from < to) {
                    debit.executeUpdate();
                    credit.executeUpdate();
                } else {
                    credit.executeUpdate();
                    debit.executeUpdate();
                }
                log.setLong(1, id);
                log.setInt(2, from);
                log.setInt(3, to);
                log.setLong(4, amount);
                log.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection may be gone
                }
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
