package io.synapsedb.config;

/**
 * The catalog: how tables are declared, how often another application's changes are looked for,
 * and how long a change waits for another's. Immutable; an instance is always valid.
 *
 * <p>{@code defaultSlots} lives here, not with routing: it is read only when a table is declared;
 * a statement's route reads the slot count the catalog recorded for its table.
 *
 * @param defaultSlots {@link SynapseProperty#DEFAULT_SLOTS defaultSlots}: hash slots of a
 *     distributed table that declares none
 * @param refreshMs {@link SynapseProperty#CATALOG_REFRESH_MS catalogRefreshMs}: milliseconds between
 *     checks for a catalog changed by another application; 0 for none
 * @param ddlLockTimeoutMs {@link SynapseProperty#DDL_LOCK_TIMEOUT_MS ddlLockTimeoutMs}: milliseconds
 *     DDL and table declarations wait for another application's DDL before failing with 55P03
 */
public record CatalogConfig(int defaultSlots, long refreshMs, long ddlLockTimeoutMs) {

    /** @throws IllegalArgumentException naming the property and the value that is out of range */
    public CatalogConfig {
        SynapseProperty.DEFAULT_SLOTS.require(defaultSlots);
        SynapseProperty.CATALOG_REFRESH_MS.require(refreshMs);
        SynapseProperty.DDL_LOCK_TIMEOUT_MS.require(ddlLockTimeoutMs);
    }
}
