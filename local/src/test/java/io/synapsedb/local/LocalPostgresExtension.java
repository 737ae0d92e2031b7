package io.synapsedb.local;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts the cluster that {@link LocalPostgres} describes before a test class and hands it to the class.
 *
 * <p>The cluster lives in the class's extension store, and JUnit closes what a store holds (a
 * {@link LocalCluster} is {@link AutoCloseable}) when the class is done, after its {@code @AfterAll}
 * methods: so there is no after-all callback to order against the class's own tear-down, and a
 * cluster whose replicas failed to start is closed all the same, having been stored first.
 */
public final class LocalPostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalPostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Class<?> testClass = context.getRequiredTestClass();
        LocalCluster cluster = cluster(context);
        if (cluster == null) { // else an enclosing class started it, and a @Nested class shares it
            LocalPostgres spec = AnnotationSupport.findAnnotation(testClass, LocalPostgres.class)
                    .orElseThrow(() -> new ExtensionConfigurationException(
                            testClass.getName() + " uses " + LocalPostgresExtension.class.getSimpleName()
                                    + " without @" + LocalPostgres.class.getSimpleName()));
            cluster = start(spec, testClass);
            context.getStore(NAMESPACE).put(LocalCluster.class, cluster);
            addReplicas(cluster, spec.replicas());
        }
        inject(testClass, cluster);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCluster.class;
    }

    @Override
    public LocalCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalCluster cluster = cluster(context);
        if (cluster == null) { // a constructor under @TestInstance(PER_CLASS) runs before beforeAll
            throw new ExtensionConfigurationException("no local cluster is started yet for " + context.getUniqueId()
                    + "; a LocalCluster constructor parameter needs the default per-method test instance lifecycle");
        }
        return cluster;
    }

    /** The cluster of this context or of an enclosing one (a store lookup falls back to the parents'). */
    private static LocalCluster cluster(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(LocalCluster.class, LocalCluster.class);
    }

    private static LocalCluster start(LocalPostgres spec, Class<?> testClass) throws IOException {
        if (spec.replicas() < 0) {
            throw new ExtensionConfigurationException("@LocalPostgres replicas of " + testClass.getName()
                    + " must not be negative: " + spec.replicas());
        }
        LocalCluster.Builder builder = LocalCluster.builder()
                .name(spec.name().isEmpty() ? testClass.getSimpleName() : spec.name())
                .nodes(spec.nodes())
                .durable(spec.durable());
        for (String setting : spec.settings()) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException(
                        "@LocalPostgres setting '" + setting + "' of " + testClass.getName() + " is not name=value");
            }
            builder.setting(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
        return builder.start();
    }

    private static void addReplicas(LocalCluster cluster, int perPrimary) throws IOException {
        for (LocalNode primary : cluster.nodes()) {
            for (int i = 0; i < perPrimary; i++) {
                cluster.addReplica(primary);
            }
        }
    }

    /** Sets the class's one static {@code LocalCluster} field; more than one would leave it unclear which. */
    private static void inject(Class<?> testClass, LocalCluster cluster) {
        List<Field> fields = ReflectionSupport.findFields(testClass,
                f -> Modifier.isStatic(f.getModifiers()) && f.getType() == LocalCluster.class,
                HierarchyTraversalMode.TOP_DOWN);
        if (fields.size() > 1) {
            throw new ExtensionConfigurationException(testClass.getName() + " has " + fields.size()
                    + " static LocalCluster fields; @LocalPostgres sets one (build others with LocalCluster.builder())");
        }
        for (Field field : fields) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException(field + " is final; @LocalPostgres cannot set it");
            }
            try {
                field.setAccessible(true);
                field.set(null, cluster);
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("cannot set " + field, e);
            }
        }
    }
}
