package io.synapsedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: the analyser never reads a statement differently from PostgreSQL in a way that lets text
 * reach a node the route does not cover. Each case either gets the plan PostgreSQL's reading implies,
 * or a refusal (or an opaque plan, which the router refuses without a hint) before anything runs.
 */
class HardeningTest {

    private static StatementPlan plan(String sql) {
        return StatementAnalysis.analyze(sql, TestCatalog.LOOKUP, 1);
    }

    private static void refused(String sql, String fragment) {
        StatementPlan p = plan(sql);
        assertThat(p.refusal()).as(sql).isNotNull().contains(fragment);
    }

    private static void opaque(String sql, String fragment) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).as(sql).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.opaque()).as(sql).isNotNull().contains(fragment);
    }

    // --------------------------------------------------------------------------- the cases

    @Test
    void turningStandardConformingStringsOffIsRefused() {
        for (String sql : new String[] {"SET standard_conforming_strings = off", "set session standard_conforming_strings to 'off'",
            "SET LOCAL standard_conforming_strings = false", "SET \"standard_conforming_strings\" = 0",
            "SET standard_conforming_strings = DEFAULT", "ALTER ROLE app SET standard_conforming_strings = off",
            "ALTER DATABASE db SET standard_conforming_strings TO off",
            "ALTER SYSTEM SET standard_conforming_strings = off",
            "SELECT set_config('standard_conforming_strings', 'off', false)",
            "select pg_catalog.set_config('STANDARD_CONFORMING_STRINGS', 'off', false)"}) {
            refused(sql, "standard_conforming_strings");
        }
        assertThat(plan("SET standard_conforming_strings = on").refusal()).isNull();
        assertThat(plan("SET standard_conforming_strings TO 'on'").refusal()).isNull();
        assertThat(plan("RESET standard_conforming_strings").refusal()).isNull();
    }

    @Test
    void theInjectionUnderStandardConformingStringsIsOneStatement() {
        // With standard_conforming_strings on (the only reading the driver allows) '\' is a whole
        // literal: PostgreSQL then sees two adjacent literals, a syntax error, and runs nothing.
        StatementPlan p = plan("SELECT '\\'' ; DROP TABLE victim2; --'");
        assertThat(p.kind()).isNotEqualTo(StatementKind.DDL);
        assertThat(p.opaque()).isNull();
    }

    @Test
    void aDoBlockAfterASelectIsNotRunOnOneGroup() {
        StatementPlan p = plan("SELECT 1; DO $$BEGIN EXECUTE 'DROP TABLE victim'; END$$");
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.opaque()).contains("statement 2 of 2").contains("DO block");
    }

    // --------------------------------------------------------------------------- tokenisation

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; --comment\rDROP TABLE notes",         // PostgreSQL ends a -- comment at \r too
        "SELECT 1; --comment\r\nDROP TABLE notes",
        "SELECT 1 /* a /* nested */ still comment */; DROP TABLE notes",
        "SELECT $a$ ; $b$ $a$; DROP TABLE notes",
        "SELECT $€$ ; $€$; DROP TABLE notes",           // non-ASCII dollar-quote tag
        "SELECT E'\\\\'; DROP TABLE notes",              // E'\\' is one backslash
        "SELECT 'a''b'; DROP TABLE notes",
        "SELECT 1$$x$$; DROP TABLE notes",
        "SELECT 1;\u000BDROP TABLE notes",
    })
    void statementsSplitWherePostgresSplitsThem(String sql) {
        StatementPlan p = plan(sql);
        assertThat(p.kind()).as(sql).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.opaque()).as(sql).contains("statement 2 of 2 is DDL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT E'\\'; DROP TABLE orders; --'",          // \' escapes the quote in E''
        "SELECT $$ ; DROP TABLE orders; $$",
        "SELECT $x$ $$ ; DROP TABLE orders; $$ $x$",
        "SELECT /* ; DROP TABLE orders; */ 1",
        "SELECT /* /* */ ; DROP TABLE orders; */ 1",
        "SELECT U&'\\0027; DROP TABLE orders; --'",
        "SELECT \"a;\"\"b\" FROM t",
    })
    void textInsideLiteralsAndCommentsIsNotAStatement(String sql) {
        StatementPlan p = plan(sql);
        assertThat(p.opaque()).as(sql).isNull();
        assertThat(p.kind()).as(sql).isNotEqualTo(StatementKind.DDL);
    }

    @Test
    void routineBodiesKeepTheirSemicolons() {
        StatementPlan p = plan("CREATE FUNCTION f(int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN $1 > 0"
                + " THEN 1 ELSE 2 END; END");
        assertThat(p.kind()).isEqualTo(StatementKind.DDL);
        assertThat(plan("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END; SELECT 1").opaque())
                .contains("statement 1 of 2 is DDL");
    }

    // --------------------------------------------------------------------------- names

    @Test
    void namesResolveAsPostgresResolvesThem() {
        assertThat(plan("DELETE FROM U&\"ord\\0065rs\"").distributedTables()).containsExactly("orders");
        assertThat(plan("DELETE FROM U&\"ord\\+000065rs\"").distributedTables()).containsExactly("orders");
        assertThat(plan("SELECT * FROM PUBLIC.ORDERS WHERE customer_id = 1").distributedTables()).containsExactly("orders");
        assertThat(plan("SELECT * FROM \"public\".\"orders\" WHERE customer_id = 1").distributedTables())
                .containsExactly("orders");
        assertThat(plan("SELECT * FROM \"Orders\"").distributedTables()).isEmpty(); // another table
        // PostgreSQL truncates identifiers to 63 bytes: this is the same table as the declared one.
        String longName = "orders" + "x".repeat(57) + "_and_more";
        assertThat(io.synapsedb.core.Sql.identifier(longName)).hasSize(63).startsWith("ordersxxx");
        // and folds ASCII only: ÖRDERS is not örders.
        assertThat(io.synapsedb.core.Sql.identifier("ÖRDERS")).isEqualTo("Örders");
        refused("SELECT 1 FROM U&\"ord!0065rs\" UESCAPE '!'", "UESCAPE");
    }

    @Test
    void partitionsAreNotForApplications() {
        refused("DROP TABLE orders_s17", "partition of distributed table orders");
        refused("SELECT * FROM public.orders_s5", "partition");
        refused("TRUNCATE orders_s0", "partition");
        refused("DELETE FROM audit.logs_s3", "partition of distributed table audit.logs");
        assertThat(plan("SELECT * FROM orders_s128").refusal()).isNull(); // no such slot: an ordinary name
        assertThat(plan("SELECT * FROM orders_s05").refusal()).isNull();
    }

    @Test
    void onlyOfADistributedTableIsRefused() {
        refused("SELECT * FROM ONLY orders", "ONLY orders");
        refused("DELETE FROM ONLY orders WHERE customer_id = 1", "ONLY");
        refused("UPDATE ONLY public.orders SET note = 'x'", "ONLY");
        refused("TRUNCATE ONLY orders", "ONLY");
        assertThat(plan("SELECT * FROM ONLY countries").refusal()).isNull(); // a plain table everywhere
        assertThat(plan("SELECT * FROM orders WHERE customer_id = 1 FETCH FIRST 1 ROWS ONLY").refusal()).isNull();
    }

    @Test
    void searchPathChangesAreRefused() {
        refused("SET search_path = audit, public", "search_path");
        refused("SET search_path TO 'audit'", "search_path");
        refused("SET SCHEMA 'audit'", "search_path");
        refused("SELECT set_config('search_path', 'audit', false)", "search_path");
        refused("ALTER ROLE app SET search_path = audit", "search_path");
        refused("SELECT set_config(name, 'x', false) FROM settings", "cannot read");
        assertThat(plan("SET search_path TO public").refusal()).isNull();
        assertThat(plan("SET search_path = \"$user\", public").refusal()).isNull();
        assertThat(plan("SET search_path TO DEFAULT").refusal()).isNull();
        assertThat(plan("RESET search_path").refusal()).isNull();
        assertThat(plan("SELECT set_config('application_name', 'x', false)").refusal()).isNull();
        assertThat(plan("CREATE FUNCTION f() RETURNS int SET search_path = audit AS 'select 1' LANGUAGE sql")
                .refusal()).isNull(); // a function's own setting, for its body only
    }

    // --------------------------------------------------------------------------- opaque statements

    @Test
    void statementsTheDriverCannotSeeIntoAreOpaque() {
        opaque("DO $$ BEGIN DELETE FROM orders; END $$", "DO block");
        opaque("CALL cleanup()", "CALL");
        opaque("EXECUTE p(1)", "EXECUTE p");
        opaque("FETCH 10 FROM c", "cursor c");
        opaque("MOVE NEXT IN c", "cursor c");
        opaque("PREPARE p AS DELETE FROM orders", "PREPARE p");
        opaque("DECLARE c CURSOR FOR SELECT * FROM orders", "DECLARE c");
        opaque("BEGIN; INSERT INTO notes VALUES (1); COMMIT", "transaction control");
        opaque("SET a.b = 1; SELECT 1", "SET");
        assertThat(plan("PREPARE p AS DELETE FROM orders").tables()).containsExactly("orders");
    }

    @Test
    void preparedStatementsAndCursorsOnHomeTablesAreRemembered() {
        StatementPlan prepare = plan("PREPARE p (int) AS SELECT * FROM notes WHERE id = $1");
        assertThat(prepare.kind()).isEqualTo(StatementKind.UTILITY);
        assertThat(prepare.sessionObject()).isEqualTo(new SessionObject(SessionObject.Type.PREPARED_STATEMENT, "p",
                SessionObject.Action.CREATE));
        StatementPlan declare = plan("DECLARE \"C\" CURSOR WITH HOLD FOR SELECT * FROM notes FOR UPDATE");
        assertThat(declare.sessionObject()).isEqualTo(new SessionObject(SessionObject.Type.CURSOR, "C",
                SessionObject.Action.CREATE));
        assertThat(plan("FETCH ALL FROM \"C\"").sessionObject().name()).isEqualTo("C");
        assertThat(plan("DEALLOCATE PREPARE p").sessionObject()).isEqualTo(new SessionObject(
                SessionObject.Type.PREPARED_STATEMENT, "p", SessionObject.Action.DROP));
        assertThat(plan("DEALLOCATE ALL").sessionObject().name()).isNull();
        assertThat(plan("CLOSE ALL").sessionObject().type()).isEqualTo(SessionObject.Type.CURSOR);
    }

    @Test
    void hintsSayWhereOpaqueStatementsRun() {
        assertThat(plan("/*+ synapse:home */ DO $$ BEGIN END $$").placementHint()).isEqualTo(PlacementHint.HOME);
        StatementPlan all = plan("/*+ synapse:all_groups */ CALL refresh()");
        assertThat(all.placementHint()).isEqualTo(PlacementHint.ALL_GROUPS);
        assertThat(all.writes()).as("a placed statement is assumed to write").isTrue();
        assertThat(plan("SELECT 1 /*+ synapse:home */").placementHint()).isEqualTo(PlacementHint.NONE);
    }

    @Test
    void severalHomeStatementsStillRunTogether() {
        StatementPlan p = plan("INSERT INTO notes VALUES (1); UPDATE notes SET n = 2; SELECT 1");
        assertThat(p.opaque()).isNull();
        assertThat(p.refusal()).isNull();
        refused("SELECT 1; SET standard_conforming_strings = off", "statement 2 of 2 is refused");
    }

    // --------------------------------------------------------------------------- DDL

    @Test
    void viewsAndRulesOverDeclaredTablesAreRefused() {
        refused("CREATE VIEW v AS SELECT * FROM orders", "a view over declared table orders");
        refused("CREATE OR REPLACE TEMP RECURSIVE VIEW v (n) AS SELECT customer_id FROM orders", "a view");
        refused("CREATE VIEW v AS SELECT * FROM countries", "declared table countries");
        refused("CREATE RULE r AS ON INSERT TO notes DO ALSO DELETE FROM orders", "a rule");
        assertThat(plan("CREATE VIEW v AS SELECT * FROM notes").refusal()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE orders RENAME TO orders2 | renaming it",
        "ALTER TABLE IF EXISTS orders RENAME TO orders2 | renaming it",
        "ALTER TABLE orders RENAME COLUMN customer_id TO cid | shard key customer_id",
        "ALTER TABLE orders RENAME customer_id TO cid | shard key",
        "ALTER TABLE orders SET SCHEMA audit | another schema",
        "ALTER TABLE orders DETACH PARTITION orders_s1 | partition",
        "ALTER TABLE countries RENAME TO lands | renaming it",
        "ALTER SCHEMA audit RENAME TO audit2 | schema audit",
        "DROP SCHEMA IF EXISTS other, audit CASCADE | schema audit",
        "DROP SCHEMA public CASCADE | schema public",
    })
    void renamesOfDeclaredTablesAreRefused(String sql, String fragment) {
        refused(sql, fragment);
    }

    @Test
    void harmlessAltersPass() {
        assertThat(plan("ALTER TABLE orders RENAME COLUMN note TO remark").refusal()).isNull();
        assertThat(plan("ALTER TABLE orders ADD COLUMN x int").refusal()).isNull();
        assertThat(plan("ALTER TABLE notes RENAME TO notes2").refusal()).isNull();
        assertThat(plan("ALTER SCHEMA other RENAME TO other2").refusal()).isNull();
        assertThat(plan("DROP SCHEMA other").refusal()).isNull();
    }

    // --------------------------------------------------------------------------- size

    @Test
    void deepNestingSkipsTheParser() {
        String deep = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000) + " FROM orders";
        StatementPlan p = plan(deep);
        assertThat(p.kind()).isEqualTo(StatementKind.UNPARSED);
        assertThat(p.parseError()).contains("parentheses deep");
        assertThat(p.distributedTables()).containsExactly("orders");
        assertThat(plan("SELECT " + "(".repeat(100) + "1" + ")".repeat(100)).kind()).isEqualTo(StatementKind.SELECT);
    }
}
