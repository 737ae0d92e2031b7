package io.synapsedb.coordinator.atomix;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.synapsedb.coordinator.CoordinatorException;

/**
 * Checks, before Atomix starts, that the JVM opens the packages Atomix 3.1 reaches into by reflection
 * (Kryo serialising JDK types, Guava on java.util). Without the flags Atomix fails deep inside a thread
 * pool, or hangs; this turns that into one clear error at start-up.
 */
final class JvmAccess {

    /** The JVM flags the coordinator needs on Java 17. */
    static final String FLAGS = "--add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED"
            + " --add-opens java.base/java.util=ALL-UNNAMED";

    private JvmAccess() {
    }

    /**
     * @throws CoordinatorException (SQLState 55000) naming the missing flags
     */
    static void verify() throws CoordinatorException {
        StringBuilder missing = new StringBuilder();
        if (!canOpen(AtomicLong.class, "value")) {
            missing.append(" --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED");
        }
        if (!canOpen(ArrayList.class, "elementData")) {
            missing.append(" --add-opens java.base/java.util=ALL-UNNAMED");
        }
        if (missing.length() > 0) {
            throw new CoordinatorException("the coordinator (Atomix) needs these JVM flags, which this JVM lacks:"
                    + missing + ". Add them to the java command line (or JDK_JAVA_OPTIONS / the test argLine);"
                    + " the standalone synapse-coordinator.jar sets them itself. All flags: " + FLAGS, "55000");
        }
    }

    private static boolean canOpen(Class<?> type, String fieldName) {
        try {
            Field field = type.getDeclaredField(fieldName);
            return field.trySetAccessible();
        } catch (NoSuchFieldException | SecurityException e) {
            return false;
        }
    }
}
