-- SynapseDB adversarial corpus (issue 11 §6).
--
-- Inputs that a client may send by mistake or on purpose. AdversarialCorpusIT runs each entry on a
-- fresh logical connection to a 3-node cluster and, step by step, the same on a plain PostgreSQL
-- holding the same tables (the oracle). After every step it checks that every node's schema
-- (tables, columns, constraints, indexes, views, functions of public and synapse) is identical, and
-- that every table holds exactly the oracle's rows: a distributed table the union of its groups, a
-- reference table on every group, an undeclared table on the home group and nowhere else. A step
-- the driver refuses (0A000) is not run on the oracle: the cluster must then be unchanged.
--
-- Tables (created by the test, through the driver and on the oracle):
--   accounts(id bigint)      distributed by id, rows 1..20     victim(id int)   distributed, rows 1..10
--   tenants(tenant text)     distributed by tenant             victim2(id int)  reference, rows 1..5
--   currencies(code text)    reference                         notes(id int)    undeclared (home group)
--   ${LONGNAME}              reference, a 63-byte name
--
-- Format of an entry:
--   -- [kind] what it is                  header, starts the entry
--   -- params: v1, v2, ...                optional: the step runs as a PreparedStatement
--   -- expect: OUTCOME                    ok | refused (SQLState 0A000) | error [SQLSTATE] | any
--   -- message-has: text                  optional: the error's message contains it
--   -- message-lacks: text                optional: no message of the error's chain contains it
--   the statement, up to the next directive
--   -- then                               a further step on the same connection, with its own
--                                         params/expect/message lines and statement
-- Placeholders in statements and text values: ${NUL} ${CR} ${LF} ${VT} ${U+XXXX} (a character),
-- ${REPEAT:n:text} (text n times), ${LONGNAME}.
-- Values: integers (Long), 'text', null, u:<uuid>, d:<decimal>, [v, ...] (an array of integers or
-- of 'text').

-- ================================================================ the issue's four findings

-- [issue] 1: standard_conforming_strings off, then a literal that would hide a DROP (kept on, all one literal)
-- expect: refused
-- message-has: standard_conforming_strings
SET standard_conforming_strings = off
-- then
-- expect: ok
SELECT '\'' ; DROP TABLE victim2; --'

-- [issue] 2: a DO block after a SELECT, dropping a distributed table on the home group only
-- expect: refused
-- message-has: DO block
SELECT 1; DO $$BEGIN EXECUTE 'DROP TABLE victim'; END$$

-- [issue] 3: a NUL byte in the statement text, which PostgreSQL cannot receive (the breaker test repeats it)
-- expect: error 22021
INSERT INTO notes VALUES (4, 'a${NUL}b')

-- [issue] 4: an error PostgreSQL reports on a partition names the logical table
-- expect: error 23505
-- message-has: accounts_pkey
-- message-lacks: accounts_s
INSERT INTO accounts (id, owner, balance) VALUES (1, 'dup', 0)

-- ================================================================ injection through values

-- [inject] a shard key bound as text with SQL in it
-- params: '1; DROP TABLE victim; --'
-- expect: error 22P02
-- message-lacks: DROP TABLE
SELECT * FROM accounts WHERE id = ?

-- [inject] a quote-breaking string compared with a column
-- params: ''' OR ''1''=''1'
-- expect: ok
SELECT * FROM accounts WHERE owner = ?

-- [inject] statement text as a value of an undeclared table
-- params: 100, '''); DROP TABLE victim; --'
-- expect: ok
INSERT INTO notes (id, body) VALUES (?, ?)

-- [inject] statement text as a value of a distributed table
-- params: 101, 'x''); DELETE FROM victim; --', 5
-- expect: ok
INSERT INTO accounts (id, owner, balance) VALUES (?, ?, ?)

-- [inject] statement text in an UPDATE's value
-- params: '''; TRUNCATE victim; --', 2
-- expect: ok
UPDATE accounts SET note = ? WHERE id = ?

-- [inject] a text shard key with a quote trick
-- params: 'x'' OR ''1''=''1'
-- expect: ok
SELECT * FROM tenants WHERE tenant = ?

-- [inject] a dollar-quoted DROP as a text shard key
-- params: '$$; DROP TABLE victim; $$', 'free'
-- expect: ok
INSERT INTO tenants VALUES (?, ?)

-- [inject] an array of keys with SQL in an element
-- params: ['1', '2; DROP TABLE victim']
-- expect: error
SELECT * FROM accounts WHERE id = ANY(?)

-- [inject] keys bound as an array
-- params: [1, 2, 3, 101]
-- expect: ok
SELECT id FROM accounts WHERE id = ANY(?) ORDER BY id

-- [inject] SQL in the table name of a driver call
-- params: 'notes; DROP TABLE victim', 'id'
-- expect: error
SELECT synapse.distribute_table(?, ?)

-- [inject] SQL in the shard key of a driver call
-- expect: error
SELECT synapse.distribute_table('notes', 'id); DROP TABLE victim; --')

-- [inject] SQL in a session setting's value
-- expect: ok
SET application_name = 'x; DROP TABLE victim'

-- [inject] SQL in a setting that PostgreSQL checks
-- expect: error 22023
SET statement_timeout = '1s; DROP TABLE victim'

-- [inject] a savepoint name that tries to close its quotes, outside a transaction
-- expect: error
SAVEPOINT "a""; DROP TABLE victim; --"

-- [inject] NUL inside a bound value
-- params: 102, 'a${NUL}b'
-- expect: error
INSERT INTO notes (id, body) VALUES (?, ?)

-- ================================================================ tokenisation

-- [lexer] a -- comment ends at a carriage return: two statements, the second a DROP
-- expect: refused
SELECT 1; --x${CR}DROP TABLE victim

-- [lexer] a vertical tab is white space to PostgreSQL 17
-- expect: refused
SELECT 1;${VT}DROP TABLE victim

-- [lexer] nested comments hide the DROP from PostgreSQL too
-- expect: ok
SELECT 1 /* /* nested */ ; DROP TABLE victim; */

-- [lexer] E'\\'' is a backslash, then a doubled quote: one literal to its last quote
-- expect: ok
SELECT E'\\'' ; DROP TABLE victim; --'

-- [lexer] E'\'' is one quote; the DROP after it is a statement
-- expect: refused
SELECT E'\'' ; DROP TABLE victim; --'

-- [lexer] a dollar-quoted DROP is a string
-- expect: ok
SELECT $$ ; DROP TABLE victim; $$

-- [lexer] a tagged dollar quote holding $$
-- expect: ok
SELECT $tag$ $$ ; DROP TABLE victim; $$ $tag$

-- [lexer] a dollar-quote tag of a non-ASCII character
-- expect: ok
SELECT $€$ ; DROP TABLE victim; $€$

-- [lexer] a dollar quote right after a number
-- expect: error 42601
SELECT 1$$; DROP TABLE victim; $$

-- [lexer] a U& identifier spelling a distributed table (the SQL parser cannot read U&)
-- expect: refused
SELECT count(*) FROM U&"vic\0074im"

-- [lexer] a U& identifier spelling a distributed table in a DELETE
-- expect: refused
DELETE FROM U&"vic\0074im" WHERE id = 1

-- [lexer] U& with UESCAPE
-- expect: refused
SELECT * FROM U&"vic!0074im" UESCAPE '!'

-- [lexer] an identifier PostgreSQL truncates to a declared table's 63-byte name
-- expect: ok
DELETE FROM ${LONGNAME}_and_more WHERE k = 1

-- [lexer] an em space is part of an identifier to PostgreSQL (a syntax error there)
-- expect: refused
DELETE${U+2003}FROM accounts

-- [lexer] a placement hint on a statement the driver routes is ignored
-- expect: ok
/*+ synapse:home */ DELETE FROM accounts WHERE id = 7

-- [lexer] a comment alone
-- expect: ok
-- nothing at all

-- [lexer] empty statements
-- expect: ok
;;;

-- ================================================================ huge and deep

-- [size] parentheses 3000 deep
-- expect: any
SELECT ${REPEAT:3000:(}1${REPEAT:3000:)}

-- [size] an IN list of 5000 keys
-- expect: ok
SELECT count(*) FROM accounts WHERE id IN (${REPEAT:5000:1,}2)

-- [size] a 2 MB value
-- expect: ok
INSERT INTO notes VALUES (200, '${REPEAT:2000000:x}')

-- [size] comments nested 10000 deep
-- expect: ok
/*${REPEAT:10000:/*}x${REPEAT:10000:*/}*/ SELECT 1

-- [size] a thousand statements in one string
-- expect: ok
${REPEAT:1000:SELECT 1;}

-- [size] a thousand statements, the last a DROP
-- expect: refused
${REPEAT:1000:SELECT 1;}DROP TABLE victim

-- ================================================================ wrong types

-- [types] a word as an integer key
-- params: 'abc'
-- expect: error 22P02
SELECT * FROM accounts WHERE id = ?

-- [types] a uuid as an integer key
-- params: u:7f2c3e6e-0d7b-4c4e-9a0b-2f8f1c6d5e4a
-- expect: error
SELECT * FROM accounts WHERE id = ?

-- [types] a key beyond bigint
-- params: d:99999999999999999999
-- expect: error 22003
SELECT * FROM accounts WHERE id = ?

-- [types] a key beyond integer
-- params: 3000000000, 'x'
-- expect: error 22003
INSERT INTO victim (id, v) VALUES (?, ?)

-- [types] a number as a text key
-- params: 42
-- expect: any
SELECT * FROM tenants WHERE tenant = ?

-- [types] a malformed literal key
-- expect: error 22P02
INSERT INTO accounts (id, owner, balance) VALUES ('12abc', 'x', 1)

-- [types] a check constraint violated on a partition
-- expect: error 23514
-- message-lacks: accounts_s
INSERT INTO accounts (id, owner, balance) VALUES (300, 'neg', -1)

-- ================================================================ control characters

-- [control] control characters inside a literal
-- expect: ok
SELECT '${U+0001}${U+001B}${U+007F}'

-- [control] a file separator between tokens is no white space to PostgreSQL
-- expect: error 42601
SELECT 1 ${U+001C}

-- [control] line and paragraph separators and a byte-order mark in a value
-- expect: ok
INSERT INTO notes VALUES (201, '${U+2028}line${U+2029}${U+FEFF}')

-- ================================================================ statement kinds

-- [kind] a DO block
-- expect: refused
DO $$BEGIN DELETE FROM victim2; END$$

-- [kind] a DO block placed on every group writes every copy of a reference table
-- expect: ok
/*+ synapse:all_groups */ DO $$BEGIN UPDATE victim2 SET v = 'by-do' WHERE id = 1; END$$

-- [kind] a DO block placed on the home group writes an undeclared table
-- expect: ok
/*+ synapse:home */ DO $$BEGIN INSERT INTO notes VALUES (300, 'do'); END$$

-- [kind] CALL of a procedure whose body deletes a distributed table's rows
-- expect: ok
CREATE PROCEDURE wipe() LANGUAGE sql AS $$ DELETE FROM victim $$
-- then
-- expect: refused
-- message-has: CALL
CALL wipe()

-- [kind] PREPARE and EXECUTE of a DELETE on a distributed table
-- expect: refused
PREPARE p AS DELETE FROM victim
-- then
-- expect: refused
EXECUTE p

-- [kind] PREPARE and EXECUTE on an undeclared table
-- expect: ok
PREPARE q (int) AS SELECT body FROM notes WHERE id = $1
-- then
-- expect: ok
EXECUTE q(100)
-- then
-- expect: ok
DEALLOCATE q
-- then
-- expect: refused
EXECUTE q(100)

-- [kind] a cursor over a distributed table
-- expect: ok
BEGIN
-- then
-- expect: refused
DECLARE c CURSOR FOR SELECT * FROM victim
-- then
-- expect: refused
FETCH 1 FROM c
-- then
-- expect: ok
ROLLBACK

-- [kind] a cursor over an undeclared table
-- expect: ok
BEGIN
-- then
-- expect: ok
DECLARE n CURSOR FOR SELECT * FROM notes ORDER BY id
-- then
-- expect: ok
FETCH 2 FROM n
-- then
-- expect: ok
CLOSE n
-- then
-- expect: ok
COMMIT

-- [kind] COPY of a distributed table
-- expect: refused
COPY victim TO STDOUT

-- [kind] COPY of a query over a distributed table
-- expect: refused
COPY (SELECT * FROM victim) TO STDOUT

-- [kind] TRUNCATE ONLY of a distributed table
-- expect: refused
TRUNCATE ONLY victim

-- [kind] TRUNCATE of a slot's partition
-- expect: refused
TRUNCATE victim_s3

-- [kind] DROP of a slot's partition
-- expect: refused
DROP TABLE victim_s5

-- [kind] SELECT of a slot's partition
-- expect: refused
SELECT * FROM accounts_s1

-- [kind] LOCK of a distributed table
-- expect: refused
LOCK TABLE victim IN ACCESS EXCLUSIVE MODE

-- [kind] renaming a distributed table
-- expect: refused
ALTER TABLE victim RENAME TO victim_old

-- [kind] renaming a shard key
-- expect: refused
ALTER TABLE accounts RENAME COLUMN id TO account_id

-- [kind] moving a reference table to another schema
-- expect: refused
ALTER TABLE victim2 SET SCHEMA pg_catalog

-- [kind] SELECT from ONLY a distributed table
-- expect: refused
SELECT * FROM ONLY accounts

-- [kind] schema-qualified and quoted names of a distributed table
-- expect: ok
SELECT * FROM public.accounts WHERE id = 3
-- then
-- expect: ok
UPDATE "public"."accounts" SET note = 'q' WHERE "id" = 4
-- then
-- expect: ok
DELETE FROM PUBLIC.ACCOUNTS WHERE ID = 5

-- [kind] search_path to another schema
-- expect: refused
SET search_path TO pg_temp, public

-- [kind] search_path through set_config
-- expect: refused
SELECT set_config('search_path', 'pg_catalog', false)

-- [kind] search_path for every later session of a role
-- expect: refused
ALTER ROLE postgres SET search_path = audit

-- [kind] standard_conforming_strings through set_config
-- expect: refused
SELECT set_config('standard_conforming_strings', 'off', false)

-- [kind] standard_conforming_strings turned off inside a function the driver cannot see into
-- expect: ok
CREATE FUNCTION scs_off() RETURNS text LANGUAGE sql AS $$ SELECT set_config('standard_conforming' || '_strings', 'off', false) $$
-- then
-- expect: ok
SELECT scs_off()
-- then
-- expect: refused
-- message-has: turned standard_conforming_strings off
SELECT '\'' ; DROP TABLE victim2; --'
-- then
-- expect: ok
SELECT '\' AS backslash

-- [kind] a view over a distributed table
-- expect: refused
CREATE VIEW v_accounts AS SELECT * FROM accounts

-- [kind] a view over an undeclared table, written through
-- expect: ok
CREATE VIEW v_notes AS SELECT * FROM notes
-- then
-- expect: ok
DELETE FROM v_notes WHERE id = 100

-- [kind] a rule that writes a distributed table
-- expect: refused
CREATE RULE r AS ON INSERT TO notes DO ALSO DELETE FROM victim

-- [kind] transaction control inside one string
-- expect: refused
BEGIN; INSERT INTO notes VALUES (400, 'x'); COMMIT

-- [kind] several statements on undeclared tables run together
-- expect: ok
INSERT INTO notes VALUES (401, 'a'); INSERT INTO notes VALUES (402, 'b')

-- [kind] several statements, one on a distributed table
-- expect: refused
SELECT 1; SELECT * FROM victim

-- [kind] EXPLAIN ANALYZE executes its statement
-- expect: refused
EXPLAIN ANALYZE DELETE FROM victim

-- [kind] a data-modifying CTE on a distributed table, bounded by its key
-- expect: ok
WITH d AS (DELETE FROM victim WHERE id = 1 RETURNING *) SELECT count(*) FROM d

-- [kind] MERGE into a distributed table
-- expect: refused
MERGE INTO victim v USING (SELECT 2 AS id) s ON v.id = s.id WHEN MATCHED THEN DELETE

-- [kind] distributing a table whose partitions' names PostgreSQL would truncate into one another
-- expect: ok
CREATE TABLE long_partitions_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (k int PRIMARY KEY)
-- then
-- expect: error 42622
SELECT synapse.distribute_table('long_partitions_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'k')

-- [kind] TRUNCATE of a reference table reaches every copy
-- expect: ok
TRUNCATE currencies

-- [kind] a legitimate DDL change reaches every group
-- expect: ok
ALTER TABLE accounts ADD COLUMN flagged boolean NOT NULL DEFAULT false
-- then
-- expect: ok
CREATE INDEX accounts_owner_idx ON accounts (owner)
