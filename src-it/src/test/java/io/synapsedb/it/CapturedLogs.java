package io.synapsedb.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything this JVM logs while it is open, as the application would see it at the default
 * levels: standard output and error (slf4j-simple, HikariCP) and java.util.logging (pgJDBC),
 * each still written where it was going.
 */
final class CapturedLogs implements AutoCloseable {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (captured) {
                String thrown = r.getThrown() == null ? "" : " " + r.getThrown();
                captured.writeBytes((r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage() + thrown + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLogs() {
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        System.setOut(out);
        System.setErr(err);
    }

    private final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (captured) {
                captured.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
