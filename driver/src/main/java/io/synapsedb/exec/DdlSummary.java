package io.synapsedb.exec;

import io.synapsedb.sql.StatementPlan;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DDL statement changes, in a few words for the schema history ({@code CREATE TABLE orders},
 * {@code ALTER TABLE orders}, {@code CREATE INDEX}). Never the statement's text: it may hold literals
 * or a password ({@code CREATE ROLE ... PASSWORD '...'}).
 */
final class DdlSummary {

    /** The leading keywords: verb, optional modifiers, and the object kind. */
    private static final Pattern HEAD = Pattern.compile("\\s*(CREATE|ALTER|DROP|TRUNCATE|COMMENT|GRANT|REVOKE|REINDEX"
            + "|CLUSTER|VACUUM|ANALYZE|SECURITY|IMPORT|REFRESH)\\b(?:\\s+(?:OR\\s+REPLACE|UNIQUE|UNLOGGED|GLOBAL|LOCAL"
            + "|TEMP|TEMPORARY|MATERIALIZED|RECURSIVE|TRUSTED|PROCEDURAL|DEFAULT|CONSTRAINT)\\b)*\\s*([A-Za-z]+)?",
            Pattern.CASE_INSENSITIVE);

    private DdlSummary() {
    }

    static String of(StatementPlan plan) {
        Matcher m = HEAD.matcher(plan.sql());
        String head;
        if (m.lookingAt()) {
            head = m.group(1).toUpperCase(Locale.ROOT);
            String object = m.group(2);
            if (object != null && isObjectKind(object)) {
                head += " " + object.toUpperCase(Locale.ROOT);
            }
        } else {
            head = "DDL";
        }
        return plan.tables().isEmpty() ? head : head + " " + String.join(", ", plan.tables());
    }

    private static boolean isObjectKind(String word) {
        switch (word.toUpperCase(Locale.ROOT)) {
            case "TABLE": case "INDEX": case "VIEW": case "SEQUENCE": case "SCHEMA": case "FUNCTION": case "PROCEDURE":
            case "TYPE": case "EXTENSION": case "TRIGGER": case "ROLE": case "USER": case "DOMAIN": case "POLICY":
            case "RULE": case "AGGREGATE": case "COLLATION": case "PUBLICATION": case "SUBSCRIPTION": case "STATISTICS":
            case "ON":
                return true;
            default:
                return false;
        }
    }
}
