package io.synapsedb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

class SynapsePropertyTest {

    @Test
    void everyPropertyIsDescribedAndItsDefaultParses() {
        for (SynapseProperty p : SynapseProperty.values()) {
            assertThat(p.description()).as(p.propertyName()).isNotBlank();
            assertThat(SynapseProperty.forName(p.propertyName())).isSameAs(p);
            if (p.defaultValue() != null) {
                assertThat(p.parse(p.defaultValue())).as(p.propertyName()).isNotNull();
            }
        }
    }

    @Test
    void onlyUserAndPasswordShareANameWithPgJdbc() {
        assertThat(Arrays.stream(SynapseProperty.values())
                .filter(p -> PGProperty.forName(p.propertyName()) != null))
                .containsExactlyInAnyOrder(SynapseProperty.USER, SynapseProperty.PASSWORD);
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(SynapseProperty.forName("poolsize")).isNull();
        assertThat(SynapseProperty.forNameIgnoreCase("POOLSIZE")).isSameAs(SynapseProperty.POOL_SIZE);
    }

    @Test
    void parseChecksKindAndRange() {
        assertThat(SynapseProperty.POOL_SIZE.parse(" 20 ")).isEqualTo(20);
        assertThat(SynapseProperty.BREAKER_OPEN_MS.parse("2147483647")).isEqualTo(2147483647L);
        assertThat(SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.parse("100")).isEqualTo(100f);
        assertThat(SynapseProperty.FAIL_ON_FULL_FANOUT.parse("False")).isEqualTo(false);
        assertThat(SynapseProperty.PASSWORD.parse(" pw ")).isEqualTo(" pw ");
        assertThatThrownBy(() -> SynapseProperty.POOL_SIZE.parse("99999999999999999999"))
                .hasMessage("expected an integer from 1 to 10000");
        assertThatThrownBy(() -> SynapseProperty.BREAKER_FAILURE_RATE_THRESHOLD.parse("-Infinity"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isSecretOnlyForPassword() {
        assertThat(Arrays.stream(SynapseProperty.values()).filter(SynapseProperty::isSecret))
                .containsExactly(SynapseProperty.PASSWORD, SynapseProperty.COORDINATOR_KEY_STORE_PASSWORD,
                        SynapseProperty.COORDINATOR_TRUST_STORE_PASSWORD);
    }

    @Test
    void driverPropertyInfoCarriesDefaultAndDescription() {
        DriverPropertyInfo info = SynapseProperty.POOL_SIZE.toDriverPropertyInfo(null);

        assertThat(info.name).isEqualTo("poolSize");
        assertThat(info.value).isEqualTo("10");
        assertThat(info.description).contains("connections");
        assertThat(SynapseProperty.FAIL_ON_FULL_FANOUT.toDriverPropertyInfo("true").choices)
                .containsExactly("true", "false");
    }
}
