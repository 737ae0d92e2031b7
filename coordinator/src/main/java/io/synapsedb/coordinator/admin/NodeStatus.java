package io.synapsedb.coordinator.admin;

import java.time.Instant;

/**
 * The result of one health check of a group's primary: connect and {@code SELECT 1}.
 *
 * @param group the group name
 * @param address {@code host:port}
 * @param up whether the connection and the query succeeded
 * @param latencyMs how long connect plus query took
 * @param error the failure (SQLState and message) when down, else null
 * @param checkedAt when the check finished
 */
public record NodeStatus(String group, String address, boolean up, long latencyMs, String error, Instant checkedAt) {
}
