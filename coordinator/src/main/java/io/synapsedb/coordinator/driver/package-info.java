/**
 * The coordinator as the driver sees it in cluster mode: {@link io.synapsedb.coordinator.driver.AtomixCoordinationProvider},
 * the {@code io.synapsedb.spi.CoordinationProvider} that the driver finds with {@link java.util.ServiceLoader}
 * when a URL names a coordinator ({@code jdbc:synapse:coordinator=h1:5679,h2:5679/db}).
 */
package io.synapsedb.coordinator.driver;
