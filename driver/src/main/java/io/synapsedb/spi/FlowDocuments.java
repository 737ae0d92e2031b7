package io.synapsedb.spi;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The format of every document the driver keeps in a coordinator: maps, lists, strings and numbers
 * as one line of YAML flow style (JSON-like, readable in a coordinator's dump). SnakeYAML is
 * already a driver dependency for the config file; its safe constructor builds only plain types.
 */
public final class FlowDocuments {

    private FlowDocuments() {
    }

    /** {@code value} (maps, lists, strings, numbers, booleans) as one line. */
    public static String dump(Object value) {
        return yaml().dump(value).trim();
    }

    /**
     * Reads a document written by {@link #dump}.
     *
     * @throws org.yaml.snakeyaml.error.YAMLException when it is not YAML
     */
    public static Object load(String text) {
        return yaml().load(text);
    }

    private static Yaml yaml() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        d.setWidth(Integer.MAX_VALUE);
        d.setSplitLines(false);
        LoaderOptions l = new LoaderOptions();
        return new Yaml(new SafeConstructor(l), new Representer(d), d, l);
    }
}
