package io.synapsedb.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against a {@link LocalCluster} of its own: the servers start before the
 * class's {@code @BeforeAll} methods and stop after its {@code @AfterAll} methods (also when a test or
 * the set-up fails), so the class's own set-up and tear-down see the cluster up and deal only with
 * what they open on it (connections, data sources).
 *
 * <pre>{@code
 * @LocalPostgres(nodes = 3, settings = "synchronous_commit=on")
 * class CommitFaultIT {
 *     static LocalCluster cluster; // set by the extension
 *
 *     @Test
 *     void commitSurvivesAKill(LocalCluster same) { ... } // or as a parameter
 * }
 * }</pre>
 *
 * The cluster is put into the class's one static, non-final {@code LocalCluster} field, if it has one,
 * and into every {@code LocalCluster} parameter of its constructors, lifecycle and test methods.
 * {@code @Nested} classes share the outer class's cluster. A class that needs what annotation
 * constants cannot say (certificates it makes itself, a second cluster) builds its own with
 * {@link LocalCluster#builder()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LocalPostgresExtension.class)
public @interface LocalPostgres {

    /** Names the cluster's base directory under {@code java.io.tmpdir}; empty means the test class's simple name. */
    String name() default "";

    /** Primaries: node0 ... node(N-1). */
    int nodes() default 3;

    /** Streaming replicas of every primary, started after all the primaries. */
    int replicas() default 0;

    /** Extra postgresql.conf settings for every server, each {@code "name=value"}. */
    String[] settings() default {};

    /**
     * False (the default for tests): fsync, synchronous_commit and full_page_writes off, which makes
     * the servers much faster and loses nothing unless the machine itself crashes. A setting in
     * {@link #settings()} overrides these (fault tests turn {@code synchronous_commit} back on).
     */
    boolean durable() default false;
}
