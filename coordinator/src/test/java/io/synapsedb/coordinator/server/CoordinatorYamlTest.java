package io.synapsedb.coordinator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synapsedb.coordinator.CoordinatorConfig;
import io.synapsedb.coordinator.MemberAddress;
import io.synapsedb.coordinator.admin.AdminConfig;
import io.synapsedb.coordinator.admin.PostgresGroups;

class CoordinatorYamlTest {

    @TempDir
    Path dir;

    @Test
    void readsAFullFile() throws Exception {
        Path f = dir.resolve("c2.yaml");
        Files.writeString(f, """
                memberId: c2
                host: 10.0.0.2
                port: 5679
                members: [c1@10.0.0.1:5679, c2@10.0.0.2:5679, c3@10.0.0.3:5679]
                dataDir: data
                tls: { keyStore: c2.p12, keyStorePassword: k, trustStore: trust.p12, trustStorePassword: t }
                timeouts: { operationMs: 2000, sessionMs: 8000 }
                """);
        CoordinatorConfig c = CoordinatorYaml.read(f);
        assertThat(c.memberId()).isEqualTo("c2");
        assertThat(c.members()).hasSize(3).contains(MemberAddress.of("c3", "10.0.0.3", 5679));
        assertThat(c.isVoter()).isTrue();
        assertThat(c.dataDir()).contains(dir.toAbsolutePath().resolve("data"));
        assertThat(c.tls().orElseThrow().keyStore()).isEqualTo(dir.toAbsolutePath().resolve("c2.p12"));
        assertThat(c.operationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.startTimeout()).isEqualTo(CoordinatorConfig.DEFAULT_START_TIMEOUT);
        assertThat(c.toString()).doesNotContain("k,").doesNotContain("=t");
    }

    @Test
    void readsTheAdminAndPostgresSections() throws Exception {
        Path f = dir.resolve("c1.yaml");
        Files.writeString(f, "memberId: c1\nport: 5679\ndataDir: d\n");
        assertThat(CoordinatorYaml.readAdmin(f)).isNull();
        Files.writeString(f, """
                memberId: c1
                port: 5679
                dataDir: d
                admin: { port: 8080, jobIntervalMs: 2000 }
                postgres:
                  database: shop
                  user: app
                  password: secret
                  groups: [ { name: g1, primary: 10.0.0.1:5432 }, { name: g2, primary: 10.0.0.2:5433 } ]
                """);
        AdminConfig a = CoordinatorYaml.readAdmin(f);
        assertThat(a.port()).isEqualTo(8080);
        assertThat(a.bindHost()).isEqualTo("127.0.0.1");
        assertThat(a.jobInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.recoveryMinAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.groups().database()).isEqualTo("shop");
        assertThat(a.groups().groups()).containsExactly(new PostgresGroups.Group("g1", "10.0.0.1", 5432),
                new PostgresGroups.Group("g2", "10.0.0.2", 5433));
        assertThat(a.groups().toString()).doesNotContain("secret");
        assertThat(CoordinatorYaml.read(f).memberId()).isEqualTo("c1");

        Files.writeString(f, "memberId: c1\nport: 5679\ndataDir: d\npostgres: { database: x, user: u, groups: ["
                + "{ name: g1, primary: nohost } ] }\n");
        assertThatThrownBy(() -> CoordinatorYaml.readAdmin(f)).hasMessageContaining("c1.yaml")
                .hasMessageContaining("postgres.groups.g1.primary must be host:port");
        Files.writeString(f, "memberId: c1\nport: 5679\ndataDir: d\nadmin: { prot: 1 }\n");
        assertThatThrownBy(() -> CoordinatorYaml.readAdmin(f)).hasMessageContaining("unknown key 'admin.prot'");
    }

    @Test
    void namesTheFileAndKeyOfAMistake() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "memberId: c1\nport: 5679\ndataDir: d\nmembrs: [c1@h:1]\n");
        assertThatThrownBy(() -> CoordinatorYaml.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("membrs");
        Files.writeString(f, "memberId: c1\nport: many\n");
        assertThatThrownBy(() -> CoordinatorYaml.read(f)).hasMessageContaining("'port' must be a number");
        Files.writeString(f, "memberId: c1\nport: 5679\nmembers: [c1@127.0.0.1:5679]\n");
        assertThatThrownBy(() -> CoordinatorYaml.read(f)).hasMessageContaining("dataDir is required");
        Files.writeString(f, "memberId: c1\nport: 5679\ndataDir: d\nmembers: [c1@127.0.0.1:5680]\n");
        assertThatThrownBy(() -> CoordinatorYaml.read(f)).hasMessageContaining("listed as c1@127.0.0.1:5680");
    }

    @Test
    void aMemberNotAmongTheVotersNeedsNoDataDir() {
        CoordinatorConfig c = CoordinatorConfig.builder().memberId("app1").port(5700)
                .members(java.util.List.of(MemberAddress.parse("c1@127.0.0.1:5679"))).build();
        assertThat(c.isVoter()).isFalse();
        assertThat(c.dataDir()).isEmpty();
        assertThatThrownBy(() -> MemberAddress.parse("c1:5679")).hasMessageContaining("id@host:port");
    }
}
