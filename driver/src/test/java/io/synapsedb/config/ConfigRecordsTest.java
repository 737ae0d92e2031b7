package io.synapsedb.config;

import static io.synapsedb.config.ConfigAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.GroupInfo;
import io.synapsedb.core.NodeAddress;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The per-concern records: the builder fills them with the defaults of {@link SynapseProperty}, and
 * a record refuses an invalid value itself, with the message the builder reports.
 */
class ConfigRecordsTest {

    private static SynapseConfig.Builder base() {
        return SynapseConfig.builder().group(GroupInfo.of("g1", new NodeAddress("h1", 5432, "db")));
    }

    @Test
    void theBuilderFillsEveryRecordWithThePropertyDefaults() throws SQLException {
        SynapseConfig c = base().build();

        assertThat(c.pool()).isEqualTo(new PoolConfig(10, 0, 5000));
        assertThat(c.breaker()).isEqualTo(new BreakerConfig(50f, 5, 5000));
        assertThat(c.health()).isEqualTo(new HealthConfig(5000, 1000));
        assertThat(c.recovery()).isEqualTo(new RecoveryConfig(2000, 30_000));
        assertThat(c.routing()).isEqualTo(new RoutingConfig(10_000, 32, false, true));
        assertThat(c.catalog()).isEqualTo(new CatalogConfig(128, 2000, 60_000));
    }

    @Test
    void eachSetterReachesItsRecord() throws SQLException {
        SynapseConfig c = base().poolSize(7).poolMinIdle(3).connectionTimeoutMs(1000)
                .breakerFailureRateThreshold(12.5f).breakerMinimumCalls(9).breakerOpenMs(250)
                .nodeTimeoutMs(2000).healthCheckIntervalMs(0)
                .recoveryIntervalMs(0).recoveryMinAgeMs(200)
                .planCacheSize(0).keyBlockSize(500).failOnFullFanout(true).directPartitions(false)
                .defaultSlots(100).catalogRefreshMs(0).ddlLockTimeoutMs(1)
                .build();

        assertThat(c.pool()).isEqualTo(new PoolConfig(7, 3, 1000));
        assertThat(c.breaker()).isEqualTo(new BreakerConfig(12.5f, 9, 250));
        assertThat(c.health()).isEqualTo(new HealthConfig(2000, 0));
        assertThat(c.recovery()).isEqualTo(new RecoveryConfig(0, 200));
        assertThat(c.routing()).isEqualTo(new RoutingConfig(0, 500, true, false));
        assertThat(c.catalog()).isEqualTo(new CatalogConfig(100, 0, 1));
    }

    @Test
    void aRecordRefusesAnInvalidValueWithTheBuildersMessage() {
        assertThatThrownBy(() -> new PoolConfig(0, 0, 5000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '0' for poolSize: expected an integer from 1 to 10000");
        assertThatThrownBy(() -> new PoolConfig(2, 3, 5000))
                .hasMessage("poolMinIdle (3) must not exceed poolSize (2)");
        assertThatThrownBy(() -> new BreakerConfig(Float.NaN, 5, 5000))
                .hasMessage("Invalid value 'NaN' for breakerFailureRateThreshold:"
                        + " expected a percentage greater than 0 and at most 100");
        assertThatThrownBy(() -> new HealthConfig(999, 0)).hasMessageContaining("'999' for nodeTimeoutMs");
        assertThatThrownBy(() -> new RecoveryConfig(0, 199)).hasMessageContaining("'199' for recoveryMinAgeMs");
        assertThatThrownBy(() -> new RoutingConfig(0, 0, false, true)).hasMessageContaining("'0' for keyBlockSize");
        assertThatThrownBy(() -> new CatalogConfig(128, 0, 0)).hasMessageContaining("'0' for ddlLockTimeoutMs");

        assertThat(failsWith("22023", () -> base().poolSize(2).poolMinIdle(3).build()).getMessage())
                .isEqualTo("poolMinIdle (3) must not exceed poolSize (2)");
        assertThat(failsWith("22023", () -> base().nodeTimeoutMs(999).build()).getMessage())
                .isEqualTo("Invalid value '999' for nodeTimeoutMs: expected an integer from 1000 to 2147483647");
    }

    @Test
    void configsDifferingInOneRecordAreNotEqual() throws SQLException {
        SynapseConfig a = base().build();

        assertThat(base().nodeTimeoutMs(6000).build()).isNotEqualTo(a);
        assertThat(base().healthCheckIntervalMs(0).build()).isNotEqualTo(a);
        assertThat(base().recoveryIntervalMs(0).build()).isNotEqualTo(a);
        assertThat(base().recoveryMinAgeMs(200).build()).isNotEqualTo(a);
        assertThat(base().catalogRefreshMs(0).build()).isNotEqualTo(a);
        assertThat(base().directPartitions(false).build()).isNotEqualTo(a);
        assertThat(base().build()).isEqualTo(a).hasSameHashCodeAs(a);
    }
}
