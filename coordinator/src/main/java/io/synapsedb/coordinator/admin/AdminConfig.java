package io.synapsedb.coordinator.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the admin HTTP API and the leader jobs (immutable; see {@link #builder()}).
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>bindHost</td><td>127.0.0.1</td><td>Address the HTTP server binds to. The API has no authentication:
 *   expose it beyond localhost only behind something that has.</td></tr>
 * <tr><td>port</td><td>0 (any free port)</td><td>HTTP port.</td></tr>
 * <tr><td>groups</td><td>none</td><td>The PostgreSQL groups to watch. Without them only {@code /status} and
 *   {@code /metrics} answer and no leader jobs run.</td></tr>
 * <tr><td>jobInterval</td><td>10 s</td><td>Period of the leader jobs (health checks, 2PC recovery).</td></tr>
 * <tr><td>recoveryMinAge</td><td>30 s</td><td>Recovery leaves prepared transactions younger than this alone,
 *   as the driver's {@code recoveryMinAgeMs} (use the same value).</td></tr>
 * <tr><td>election</td><td>leader</td><td>The election whose leader runs the jobs.</td></tr>
 * </table>
 */
public final class AdminConfig {

    private final String bindHost;
    private final int port;
    private final PostgresGroups groups;
    private final Duration jobInterval;
    private final Duration recoveryMinAge;
    private final String election;

    private AdminConfig(Builder b) {
        this.bindHost = b.bindHost;
        this.port = b.port;
        this.groups = b.groups;
        this.jobInterval = b.jobInterval;
        this.recoveryMinAge = b.recoveryMinAge;
        this.election = b.election;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindHost() {
        return bindHost;
    }

    public int port() {
        return port;
    }

    /** The groups to watch, or null. */
    public PostgresGroups groups() {
        return groups;
    }

    public Duration jobInterval() {
        return jobInterval;
    }

    public Duration recoveryMinAge() {
        return recoveryMinAge;
    }

    public String election() {
        return election;
    }

    /** Builds an {@link AdminConfig}. */
    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int port;
        private PostgresGroups groups;
        private Duration jobInterval = Duration.ofSeconds(10);
        private Duration recoveryMinAge = Duration.ofSeconds(30);
        private String election = "leader";

        private Builder() {
        }

        public Builder bindHost(String bindHost) {
            this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("admin port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder groups(PostgresGroups groups) {
            this.groups = groups;
            return this;
        }

        public Builder jobInterval(Duration interval) {
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("jobInterval must be at least 10 ms, got " + interval);
            }
            this.jobInterval = interval;
            return this;
        }

        public Builder recoveryMinAge(Duration minAge) {
            if (minAge.toMillis() < 200) {
                throw new IllegalArgumentException("recoveryMinAge must be at least 200 ms (as the driver's"
                        + " recoveryMinAgeMs), got " + minAge);
            }
            this.recoveryMinAge = minAge;
            return this;
        }

        public Builder election(String election) {
            this.election = Objects.requireNonNull(election, "election");
            return this;
        }

        public AdminConfig build() {
            return new AdminConfig(this);
        }
    }
}
