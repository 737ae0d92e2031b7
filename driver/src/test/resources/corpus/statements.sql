-- SynapseDB statement corpus (issue 4 §6).
--
-- Real PostgreSQL statements of the kinds applications send through JDBC, each analysed by
-- SqlAnalyzer and routed by Router in StatementCorpusTest against the catalog described there
-- (3 groups, 128 slots):
--
--   distributed, co-located (integer hash family, 128 slots):
--     customers(id) orders(customer_id) order_items(customer_id) carts(customer_id)
--     documents(tenant_id) events(id, bigserial via events_id_seq) pgbench_accounts(aid, int4)
--     TPC-C: warehouse(w_id) district(d_w_id) customer(c_w_id) history(h_w_id)
--            new_order(no_w_id) oorder(o_w_id) order_line(ol_w_id) stock(s_w_id)
--   distributed by other key types: sessions(sid uuid) tenant_settings(tenant text)
--   reference: products categories countries item pgbench_branches pgbench_tellers
--   undeclared (home group): audit_log pgbench_history jobs, anything else
--
-- Format of an entry:
--   -- [kind] origin and what it is            header line, starts the entry
--   -- expect: OUTCOME                          see below
--   -- params: v1, v2, ...                      optional; every ? is 1 (a Long) by default
--   the statement, up to the next header; one trailing ';' is removed.
--
-- OUTCOME is a route kind (single, multi, all, any, home, broadcast), "routed" (any route; used
-- where the groups depend on generated keys), a statement the driver handles before routing
-- (ddl, set, txn, call), refuse "text": SQLState 0A000 with a message containing text, or
-- error SQLSTATE: an application error with that SQLState.
-- Parameter values: integers (Long), 'text' (String), u:<uuid> (java.util.UUID), null,
-- [v, ...] (an array), and K1 / K2: two keys whose rows live on different groups; ${K1} and
-- ${K2} in the SQL text are replaced by the same numbers.

-- ===================================================================== ORM: Hibernate 6 / JPA

-- [orm] Hibernate 6: em.find(Customer.class, id)
-- expect: single
select c1_0.id,c1_0.country_code,c1_0.created_at,c1_0.email,c1_0.metadata,c1_0.name,c1_0.tier from customers c1_0 where c1_0.id=?;

-- [orm] Hibernate 6: find by non-key attribute (Spring Data findByEmail)
-- expect: all
-- params: 'ann@example.com'
select c1_0.id,c1_0.country_code,c1_0.created_at,c1_0.email,c1_0.metadata,c1_0.name,c1_0.tier from customers c1_0 where c1_0.email=?;

-- [orm] Hibernate 6: product by id (reference table)
-- expect: any
select p1_0.id,p1_0.name from products p1_0 where p1_0.id=?;

-- [orm] Hibernate 6: paged query, Spring Data Pageable (offset ? rows fetch first ? rows only)
-- expect: all
-- params: 'gold', 20, 10
select c1_0.id,c1_0.email,c1_0.name from customers c1_0 where c1_0.tier=? order by c1_0.name,c1_0.id offset ? rows fetch first ? rows only;

-- [orm] Hibernate 6: first page (fetch first ? rows only)
-- expect: all
-- params: 10
select o1_0.customer_id,o1_0.id,o1_0.created_at,o1_0.status,o1_0.total from orders o1_0 order by o1_0.created_at desc fetch first ? rows only;

-- [orm] Hibernate 6: page count query of a Spring Data Page
-- expect: all
-- params: 'gold'
select count(c1_0.id) from customers c1_0 where c1_0.tier=?;

-- [orm] Hibernate 6: one customer's orders, paged
-- expect: single
-- params: 42, 0, 25
select o1_0.customer_id,o1_0.id,o1_0.status,o1_0.total from orders o1_0 where o1_0.customer_id=? order by o1_0.created_at desc offset ? rows fetch first ? rows only;

-- [orm] Hibernate 6: join fetch of a co-located association
-- expect: single
select o1_0.customer_id,o1_0.id,c1_0.id,c1_0.email,o1_0.total from orders o1_0 join customers c1_0 on c1_0.id=o1_0.customer_id where o1_0.customer_id=?;

-- [orm] Hibernate 6: left join fetch, collection of a customer
-- expect: single
select c1_0.id,c1_0.name,o1_0.customer_id,o1_0.id,o1_0.status from customers c1_0 left join orders o1_0 on c1_0.id=o1_0.customer_id where c1_0.id=?;

-- [orm] Hibernate 6: co-located join without a key predicate (every group, no merge)
-- expect: all
-- params: 'DE'
select o1_0.customer_id,o1_0.id,o1_0.total from orders o1_0 join customers c1_0 on c1_0.id=o1_0.customer_id where c1_0.country_code=?;

-- [orm] Hibernate 6: join with a reference table
-- expect: single
select oi1_0.order_id,oi1_0.qty,p1_0.id,p1_0.name,p1_0.price from order_items oi1_0 join products p1_0 on p1_0.id=oi1_0.product_id where oi1_0.customer_id=?;

-- [orm] Hibernate 6: association joined on order id only (not on the shard key)
-- expect: refuse "co-locate"
select o1_0.id,i1_0.product_id,i1_0.qty from orders o1_0 join order_items i1_0 on o1_0.id=i1_0.order_id where o1_0.customer_id=?;

-- [orm] Hibernate 6: composite association including the shard key
-- expect: single
select o1_0.id,i1_0.product_id,i1_0.qty from orders o1_0 join order_items i1_0 on o1_0.customer_id=i1_0.customer_id and o1_0.id=i1_0.order_id where o1_0.customer_id=?;

-- [orm] Hibernate 6: findAllById (IN list) with keys on two groups
-- expect: multi
-- params: K1, K2, K1
select c1_0.id,c1_0.email,c1_0.name from customers c1_0 where c1_0.id in (?,?,?);

-- [orm] Hibernate 6: insert of an entity with an assigned id
-- expect: single
-- params: 'DE', '2024-01-01', 'a@b.c', '{}', 'Ann', 'gold', 77
insert into customers (country_code,created_at,email,metadata,name,tier,id) values (?,?,?,?::jsonb,?,?,?);

-- [orm] Hibernate 6: dirty-checking update
-- expect: single
-- params: 'new@example.com', 'Ann', 77
update customers set email=?,name=? where id=?;

-- [orm] Hibernate 6: optimistic-locking update with @Version
-- expect: single
-- params: 'paid', 3, 42, 1001, 2
update orders set status=?,version=? where customer_id=? and id=? and version=?;

-- [orm] Hibernate 6: remove an entity
-- expect: single
-- params: 42, 5
delete from carts where customer_id=? and product_id=?;

-- [orm] Hibernate 6: bulk JPQL delete without a key
-- expect: all
-- params: '2023-01-01'
delete from carts where updated_at<?::timestamptz;

-- [orm] Hibernate 6: PESSIMISTIC_WRITE lock
-- expect: single
select c1_0.id,c1_0.tier from customers c1_0 where c1_0.id=? for no key update;

-- [orm] Hibernate 6: PESSIMISTIC_WRITE with SKIP LOCKED across groups, first row (each group
-- would lock its own first rows: refused)
-- expect: refuse "FOR UPDATE"
-- params: 'new', 1
select o1_0.customer_id,o1_0.id from orders o1_0 where o1_0.status=? order by o1_0.created_at fetch first ? rows only for update skip locked;

-- [orm] Hibernate 6: sequence id generator (pooled optimizer)
-- expect: home
select nextval('customers_seq');

-- [orm] Hibernate 6: JPQL count with group by
-- expect: all
select c1_0.tier,count(c1_0.id) from customers c1_0 group by c1_0.tier;

-- [orm] Hibernate 6: JPQL group by having with a parameter
-- expect: all
-- params: 5
select o1_0.status,count(*),sum(o1_0.total) from orders o1_0 group by o1_0.status having count(*)>?;

-- [orm] Hibernate 6: JPQL avg
-- expect: all
select avg(o1_0.total) from orders o1_0;

-- [orm] Hibernate 6: JPQL max of a timestamp
-- expect: all
select max(o1_0.created_at) from orders o1_0 where o1_0.status=?;

-- [orm] Hibernate 6: count(distinct) across groups
-- expect: refuse "count(DISTINCT"
select count(distinct o1_0.status) from orders o1_0;

-- [orm] Hibernate 6: count(distinct) inside one group
-- expect: single
select count(distinct o1_0.status) from orders o1_0 where o1_0.customer_id=?;

-- [orm] Hibernate 6: select distinct ... order by
-- expect: all
select distinct c1_0.country_code from customers c1_0 order by c1_0.country_code;

-- [orm] Hibernate 6: case-insensitive like (Spring Data ContainingIgnoreCase)
-- expect: all
-- params: '%ann%'
select c1_0.id,c1_0.name from customers c1_0 where upper(c1_0.name) like upper(?) escape '\';

-- [orm] Hibernate 6: case/coalesce in the select list
-- expect: single
select o1_0.id,case when o1_0.status='paid' then 1 else 0 end,coalesce(o1_0.total,0) from orders o1_0 where o1_0.customer_id=?;

-- [orm] Hibernate 6: in-subquery semi-join on the co-located key
-- expect: all
-- params: 100
select c1_0.id,c1_0.name from customers c1_0 where c1_0.id in (select o1_0.customer_id from orders o1_0 where o1_0.total>?);

-- [orm] Hibernate 6: correlated exists on the shard key
-- expect: all
-- params: 'open'
select c1_0.id from customers c1_0 where exists(select 1 from orders o1_0 where o1_0.customer_id=c1_0.id and o1_0.status=?);

-- [orm] Hibernate 6: tuple comparison of an @EmbeddedId (a row comparison does not bound the key
-- yet: every group, still correct)
-- expect: all
select oi1_0.customer_id,oi1_0.order_id,oi1_0.product_id,oi1_0.qty from order_items oi1_0 where (oi1_0.customer_id,oi1_0.order_id)=(?,?);

-- [orm] Hibernate 6: insert into a reference table
-- expect: broadcast
-- params: 1, 'SKU-1', 'Widget', 9.5, 3
insert into products (id,sku,name,price,category_id) values (?,?,?,?,?);

-- [orm] Hibernate 6: update a reference table
-- expect: broadcast
-- params: 10.5, 1
update products set price=? where id=?;

-- [orm] Hibernate 6: insert into an undeclared table (Envers-style audit)
-- expect: home
-- params: 'ann', 'login', '{}'
insert into audit_log (actor,action,detail) values (?,?,?::jsonb);

-- [orm] Hibernate 6: @Formula subquery in the select list
-- expect: single
select c1_0.id,(select count(*) from orders o where o.customer_id=c1_0.id) from customers c1_0 where c1_0.id=?;

-- [orm] Hibernate 6: native query with a quoted schema-qualified name
-- expect: single
select "c"."id", "c"."email" from "public"."customers" "c" where "c"."id" = ?;

-- [orm] jOOQ: fully qualified quoted columns
-- expect: single
select "public"."orders"."id", "public"."orders"."total" from "public"."orders" where "public"."orders"."customer_id" = ? order by "public"."orders"."id" asc limit ?;

-- [orm] jOOQ: fetchExists
-- expect: single
select exists (select 1 as "one" from "public"."carts" where "public"."carts"."customer_id" = ?);

-- [orm] MyBatis: dynamic where with an IN list built by <foreach>
-- expect: multi
-- params: K1, K2, 'open'
select id, customer_id, status from orders where customer_id in ( ? , ? ) and status = ?;

-- [orm] Spring Data JDBC: existsById with quoted identifiers
-- expect: single
SELECT COUNT(*) FROM "carts" WHERE "carts"."customer_id" = ?;

-- [orm] Spring Data JDBC: upper-case quoted names are another table in PostgreSQL (undeclared)
-- expect: home
SELECT COUNT(*) FROM "CARTS" WHERE "CARTS"."CUSTOMER_ID" = ?;

-- [orm] Spring Data JDBC: save (insert) of an aggregate root
-- expect: single
-- params: 42, 5, 2
INSERT INTO "carts" ("customer_id", "product_id", "qty") VALUES (?, ?, ?);

-- [orm] Hibernate 6: batch insert of several entities in one statement (split by group)
-- expect: multi
-- params: K1, 1, K2, 2
insert into orders (customer_id,id) values (?,?),(?,?);

-- [orm] Hibernate 6: JPQL join to a non co-located table by a non-key column
-- expect: refuse "joins distributed tables"
select s1_0.sid,c1_0.email from sessions s1_0 join customers c1_0 on c1_0.id=s1_0.user_id;

-- [orm] Hibernate 6: read a row by uuid id
-- expect: single
-- params: u:6f1c1a4e-6a4e-4c1d-9b6e-0d4c2b7a1e11
select s1_0.sid,s1_0.data,s1_0.expires_at from sessions s1_0 where s1_0.sid=?;

-- [orm] Hibernate 6: text-keyed multi-tenant lookup
-- expect: single
-- params: 'acme', 'theme'
select t1_0.value from tenant_settings t1_0 where t1_0.tenant=? and t1_0.key=?;

-- [orm] Hibernate 6: mixing a distributed and an undeclared table
-- expect: refuse "not declared"
select o1_0.id,a1_0.action from orders o1_0 join audit_log a1_0 on a1_0.actor=o1_0.status where o1_0.customer_id=?;

-- [orm] Hibernate/HikariCP: connection test query
-- expect: home
SELECT 1;

-- [orm] pgJDBC DatabaseMetaData.getTables (catalog query)
-- expect: home
-- params: 'orders'
SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname LIKE ? ORDER BY n.nspname, c.relname;

-- [orm] Flyway: schema history lookup (undeclared table)
-- expect: home
select "installed_rank","version","description","type","script","checksum","installed_on","installed_by","execution_time","success" from "public"."flyway_schema_history" where "installed_rank" > ? order by "installed_rank";

-- =========================================================================== pgbench (TPC-B)

-- [pgbench] tpcb-like: update the account
-- expect: single
-- params: -3000, 12345
UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?;

-- [pgbench] tpcb-like / select-only: read the balance
-- expect: single
-- params: 12345
SELECT abalance FROM pgbench_accounts WHERE aid = ?;

-- [pgbench] tpcb-like: update the teller (reference table: every group)
-- expect: broadcast
-- params: -3000, 7
UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?;

-- [pgbench] tpcb-like: update the branch (reference table: every group)
-- expect: broadcast
-- params: -3000, 1
UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?;

-- [pgbench] tpcb-like: history row (undeclared table)
-- expect: home
-- params: 7, 1, 12345, -3000
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP);

-- [pgbench] transaction start
-- expect: txn
BEGIN;

-- [pgbench] transaction end
-- expect: txn
END;

-- [pgbench] init: accounts table
-- expect: ddl
create table pgbench_accounts(aid int not null,bid int,abalance int,filler char(84)) with (fillfactor=100);

-- [pgbench] init: primary key
-- expect: ddl
alter table pgbench_accounts add primary key (aid);

-- [pgbench] init: truncate
-- expect: ddl
truncate table pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers;

-- [pgbench] init: generate rows server-side (INSERT ... SELECT into a distributed table)
-- expect: refuse "INSERT ... SELECT"
insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / 100000 + 1, 0, '' from generate_series(1, 100000) as aid;

-- [pgbench] init: COPY is not a JDBC statement the driver routes
-- expect: refuse "pgbench_accounts"
copy pgbench_accounts from stdin with (freeze on);

-- [pgbench] check: total balance over every group
-- expect: all
select sum(abalance) from pgbench_accounts;

-- [pgbench] check: branch count (reference)
-- expect: any
select count(*) from pgbench_branches;

-- [pgbench] TPC-B variant: update returning the new balance
-- expect: single
-- params: 100, 12345
UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ? RETURNING abalance;

-- [pgbench] simple-update: account update and select in one round trip is two statements
-- expect: refuse "multiple statements"
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 5; SELECT abalance FROM pgbench_accounts WHERE aid = 5;

-- ================================================================ TPC-C (BenchBase statements)

-- [tpcc] NewOrder: warehouse tax
-- expect: single
-- params: 3
SELECT W_TAX FROM warehouse WHERE W_ID = ?;

-- [tpcc] NewOrder: district for update
-- expect: single
-- params: 3, 7
SELECT D_NEXT_O_ID, D_TAX FROM district WHERE D_W_ID = ? AND D_ID = ? FOR UPDATE;

-- [tpcc] NewOrder: bump the next order id
-- expect: single
-- params: 3, 7
UPDATE district SET D_NEXT_O_ID = D_NEXT_O_ID + 1 WHERE D_W_ID = ? AND D_ID = ?;

-- [tpcc] NewOrder: customer discount
-- expect: single
-- params: 3, 7, 1200
SELECT C_DISCOUNT, C_LAST, C_CREDIT FROM customer WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?;

-- [tpcc] NewOrder: order header
-- expect: single
-- params: 3001, 7, 3, 1200, '2024-01-01 00:00:00', 10, 1
INSERT INTO oorder (O_ID, O_D_ID, O_W_ID, O_C_ID, O_ENTRY_D, O_OL_CNT, O_ALL_LOCAL) VALUES (?, ?, ?, ?, ?::timestamp, ?, ?);

-- [tpcc] NewOrder: new-order row
-- expect: single
-- params: 3001, 7, 3
INSERT INTO new_order (NO_O_ID, NO_D_ID, NO_W_ID) VALUES ( ?, ?, ?);

-- [tpcc] NewOrder: item price (reference table)
-- expect: any
-- params: 55
SELECT I_PRICE, I_NAME , I_DATA FROM item WHERE I_ID = ?;

-- [tpcc] NewOrder: stock for update
-- expect: single
-- params: 55, 3
SELECT S_QUANTITY, S_DATA, S_DIST_01, S_DIST_02, S_DIST_03, S_DIST_04, S_DIST_05, S_DIST_06, S_DIST_07, S_DIST_08, S_DIST_09, S_DIST_10 FROM stock WHERE S_I_ID = ? AND S_W_ID = ? FOR UPDATE;

-- [tpcc] NewOrder: stock update
-- expect: single
-- params: 40, 5, 0, 55, 3
UPDATE stock SET S_QUANTITY = ? , S_YTD = S_YTD + ?, S_ORDER_CNT = S_ORDER_CNT + 1, S_REMOTE_CNT = S_REMOTE_CNT + ? WHERE S_I_ID = ? AND S_W_ID = ?;

-- [tpcc] NewOrder: order line
-- expect: single
-- params: 3001, 7, 3, 1, 55, 3, 5, 12.5, 'dist-info'
INSERT INTO order_line (OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER, OL_I_ID, OL_SUPPLY_W_ID, OL_QUANTITY, OL_AMOUNT, OL_DIST_INFO) VALUES (?,?,?,?,?,?,?,?,?);

-- [tpcc] NewOrder: all order lines of one order in one multi-row insert
-- expect: single
-- params: 3001, 7, 3, 1, 55, 3001, 7, 3, 2, 56
INSERT INTO order_line (OL_O_ID, OL_D_ID, OL_W_ID, OL_NUMBER, OL_I_ID) VALUES (?,?,?,?,?), (?,?,?,?,?);

-- [tpcc] Payment: warehouse ytd
-- expect: single
-- params: 10.0, 3
UPDATE warehouse SET W_YTD = W_YTD + ? WHERE W_ID = ?;

-- [tpcc] Payment: warehouse address
-- expect: single
-- params: 3
SELECT W_STREET_1, W_STREET_2, W_CITY, W_STATE, W_ZIP, W_NAME FROM warehouse WHERE W_ID = ?;

-- [tpcc] Payment: district ytd
-- expect: single
-- params: 10.0, 3, 7
UPDATE district SET D_YTD = D_YTD + ? WHERE D_W_ID = ? AND D_ID = ?;

-- [tpcc] Payment: customers by last name, ordered
-- expect: single
-- params: 3, 7, 'BARBARBAR'
SELECT C_FIRST, C_MIDDLE, C_ID, C_STREET_1, C_STREET_2, C_CITY, C_STATE, C_ZIP, C_PHONE, C_CREDIT, C_CREDIT_LIM, C_DISCOUNT, C_BALANCE, C_YTD_PAYMENT, C_PAYMENT_CNT, C_SINCE FROM customer WHERE C_W_ID = ? AND C_D_ID = ? AND C_LAST = ? ORDER BY C_FIRST;

-- [tpcc] Payment: customer balance update
-- expect: single
-- params: 10.0, 20.0, 3, 'data', 3, 7, 1200
UPDATE customer SET C_BALANCE = ?, C_YTD_PAYMENT = ?, C_PAYMENT_CNT = ?, C_DATA = ? WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?;

-- [tpcc] Payment: history row
-- expect: single
-- params: 7, 3, 1200, 7, 3, '2024-01-01 00:00:00', 10.0, 'data'
INSERT INTO history (H_C_D_ID, H_C_W_ID, H_C_ID, H_D_ID, H_W_ID, H_DATE, H_AMOUNT, H_DATA) VALUES (?,?,?,?,?,?::timestamp,?,?);

-- [tpcc] Payment: remote customer (customer's warehouse differs from the paying one)
-- expect: single
-- params: 10.0, 5, 7, 1200
UPDATE customer SET C_BALANCE = C_BALANCE - ? WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?;

-- [tpcc] OrderStatus: last order of a customer
-- expect: single
-- params: 3, 7, 1200
SELECT O_ID, O_CARRIER_ID, O_ENTRY_D FROM oorder WHERE O_W_ID = ? AND O_D_ID = ? AND O_C_ID = ? ORDER BY O_ID DESC LIMIT 1;

-- [tpcc] OrderStatus: lines of the order
-- expect: single
-- params: 3001, 7, 3
SELECT OL_I_ID, OL_SUPPLY_W_ID, OL_QUANTITY, OL_AMOUNT, OL_DELIVERY_D FROM order_line WHERE OL_O_ID = ? AND OL_D_ID = ? AND OL_W_ID = ?;

-- [tpcc] Delivery: oldest new order
-- expect: single
-- params: 7, 3
SELECT NO_O_ID FROM new_order WHERE NO_D_ID = ? AND NO_W_ID = ? ORDER BY NO_O_ID ASC LIMIT 1;

-- [tpcc] Delivery: delete the new order
-- expect: single
-- params: 3001, 7, 3
DELETE FROM new_order WHERE NO_O_ID = ? AND NO_D_ID = ? AND NO_W_ID = ?;

-- [tpcc] Delivery: order's customer
-- expect: single
-- params: 3001, 7, 3
SELECT O_C_ID FROM oorder WHERE O_ID = ? AND O_D_ID = ? AND O_W_ID = ?;

-- [tpcc] Delivery: set the carrier
-- expect: single
-- params: 4, 3001, 7, 3
UPDATE oorder SET O_CARRIER_ID = ? WHERE O_ID = ? AND O_D_ID = ? AND O_W_ID = ?;

-- [tpcc] Delivery: delivery date on the lines
-- expect: single
-- params: '2024-01-01 00:00:00', 3001, 7, 3
UPDATE order_line SET OL_DELIVERY_D = ?::timestamp WHERE OL_O_ID = ? AND OL_D_ID = ? AND OL_W_ID = ?;

-- [tpcc] Delivery: order total
-- expect: single
-- params: 3001, 7, 3
SELECT SUM(OL_AMOUNT) AS OL_TOTAL FROM order_line WHERE OL_O_ID = ? AND OL_D_ID = ? AND OL_W_ID = ?;

-- [tpcc] Delivery: customer balance
-- expect: single
-- params: 12.5, 3, 7, 1200
UPDATE customer SET C_BALANCE = C_BALANCE + ?, C_DELIVERY_CNT = C_DELIVERY_CNT + 1 WHERE C_W_ID = ? AND C_D_ID = ? AND C_ID = ?;

-- [tpcc] StockLevel: district's next order id
-- expect: single
-- params: 3, 7
SELECT D_NEXT_O_ID FROM district WHERE D_W_ID = ? AND D_ID = ?;

-- [tpcc] StockLevel: BenchBase text (both keys bound separately, not equated: cannot be proven co-located)
-- expect: refuse "joins distributed tables"
-- params: 3, 7, 3001, 2981, 3, 15
SELECT COUNT(DISTINCT (S_I_ID)) AS STOCK_COUNT FROM order_line, stock WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID < ? AND OL_O_ID >= ? AND S_W_ID = ? AND S_I_ID = OL_I_ID AND S_QUANTITY < ?;

-- [tpcc] StockLevel: Citus-style text with the warehouse keys equated
-- expect: single
-- params: 3, 7, 3001, 2981, 15
SELECT COUNT(DISTINCT (S_I_ID)) AS STOCK_COUNT FROM order_line, stock WHERE OL_W_ID = ? AND OL_D_ID = ? AND OL_O_ID < ? AND OL_O_ID >= ? AND S_W_ID = OL_W_ID AND S_I_ID = OL_I_ID AND S_QUANTITY < ?;

-- [tpcc] StockLevel: explicit join form
-- expect: single
-- params: 3, 7, 3001, 3001, 15
SELECT count(DISTINCT s.s_i_id) FROM order_line ol JOIN stock s ON s.s_w_id = ol.ol_w_id AND s.s_i_id = ol.ol_i_id WHERE ol.ol_w_id = ? AND ol.ol_d_id = ? AND ol.ol_o_id BETWEEN ? - 20 AND ? AND s.s_quantity < ?;

-- [tpcc] consistency check: warehouse ytd = sum of district ytd (co-located join, group by key)
-- expect: all
SELECT w.w_id, w.w_ytd, sum(d.d_ytd) FROM warehouse w JOIN district d ON d.d_w_id = w.w_id GROUP BY w.w_id, w.w_ytd;

-- [tpcc] consistency check: new orders per district (an expression over aggregates is not combined)
-- expect: refuse "not a plain count/sum/min/max/avg"
SELECT no_w_id, no_d_id, max(no_o_id) - min(no_o_id) + 1 AS span, count(*) FROM new_order GROUP BY no_w_id, no_d_id HAVING count(*) > 0;

-- [tpcc] schema: warehouse table
-- expect: ddl
CREATE TABLE warehouse (w_id int NOT NULL, w_ytd decimal(12,2) NOT NULL, w_tax decimal(4,4) NOT NULL, w_name varchar(10) NOT NULL, w_street_1 varchar(20) NOT NULL, w_street_2 varchar(20) NOT NULL, w_city varchar(20) NOT NULL, w_state char(2) NOT NULL, w_zip char(9) NOT NULL, PRIMARY KEY (w_id));

-- [tpcc] schema: order line index
-- expect: ddl
CREATE INDEX idx_order_line_item ON order_line (ol_w_id, ol_i_id);

-- [tpcc] schema: foreign key between co-located tables
-- expect: ddl
ALTER TABLE district ADD CONSTRAINT fkey_district_1 FOREIGN KEY (d_w_id) REFERENCES warehouse (w_id) ON DELETE CASCADE;

-- ============================================================================== JSONB operators

-- [jsonb] ->> on one row
-- expect: single
select id, payload->>'type' as type from events where id = ?;

-- [jsonb] containment @> with a jsonb parameter
-- expect: all
-- params: '{"type":"purchase"}'
select id, customer_id from events where payload @> ?::jsonb;

-- [jsonb] key existence ? written ?? in JDBC
-- expect: all
select id from events where payload ?? 'coupon';

-- [jsonb] any-key existence ??| with an array literal
-- expect: all
select id from events where payload ??| array['coupon','voucher'];

-- [jsonb] all-keys existence ??& and a key parameter
-- expect: single
select id from events where id = ? and payload ??& array['a','b'];

-- [jsonb] ?? with a bound key on the right
-- expect: all
-- params: 'vip'
select id from events where payload->'tags' ?? ?;

-- [jsonb] #>> path extraction
-- expect: single
select metadata #>> '{address,city}' as city from customers where id = ?;

-- [jsonb] chained -> and ->>
-- expect: single
select metadata -> 'prefs' ->> 'lang' from customers where id = ?;

-- [jsonb] #> path returning jsonb
-- expect: all
select id, metadata #> '{address}' from customers where metadata #>> '{address,country}' = 'DE';

-- [jsonb] merge a patch with ||
-- expect: single
-- params: '{"newsletter":true}', 77
update customers set metadata = metadata || ?::jsonb where id = ?;

-- [jsonb] jsonb_set with to_jsonb of a cast parameter
-- expect: single
-- params: 'gold', 77
update customers set metadata = jsonb_set(metadata, '{tier}', to_jsonb(?::text)) where id = ?;

-- [jsonb] remove a key with -
-- expect: single
select payload - 'secret' from events where id = ?;

-- [jsonb] delete a path with #-
-- expect: all
update customers set metadata = metadata #- '{address,zip}' where metadata ?? 'address';

-- [jsonb] cast of ->> to numeric in a filter, ordered with limit
-- expect: all
-- params: 100
select id, (payload->>'amount')::numeric as amount from events where (payload->>'amount')::numeric > ? order by created_at desc limit 20;

-- [jsonb] jsonpath @? and @@ (JSqlParser 5.3 cannot read @?: refused, never guessed)
-- expect: refuse "cannot read"
select id from events where payload @? '$.items[*] ? (@.qty > 10)' or payload @@ '$.amount > 100';

-- [jsonb] jsonb_path_query in the select list
-- expect: single
select jsonb_path_query(payload, '$.items[*].sku') from events where id = ?;

-- [jsonb] lateral jsonb_array_elements
-- expect: single
select e.id, x.value->>'sku' as sku from events e cross join lateral jsonb_array_elements(e.payload->'items') x where e.id = ?;

-- [jsonb] jsonb_to_recordset
-- expect: single
select r.sku, r.qty from events e, jsonb_to_recordset(e.payload->'items') as r(sku text, qty int) where e.id = ?;

-- [jsonb] jsonb_agg of a customer's orders
-- expect: single
select jsonb_agg(jsonb_build_object('id', o.id, 'total', o.total) order by o.id) from orders o where o.customer_id = ?;

-- [jsonb] jsonb_agg across groups (not combinable)
-- expect: refuse "jsonb_agg"
select jsonb_agg(o.id) from orders o where o.status = 'open';

-- [jsonb] group by a json field
-- expect: all
select payload->>'type' as type, count(*) from events group by payload->>'type';

-- [jsonb] text-keyed jsonb containment
-- expect: single
-- params: 'acme'
select key, value from tenant_settings where tenant = ? and value @> '{"beta": true}';

-- [jsonb] json column on a uuid-keyed table, key as a cast string literal
-- expect: single
select data->>'user' from sessions where sid = '6f1c1a4e-6a4e-4c1d-9b6e-0d4c2b7a1e11'::uuid;

-- [jsonb] delete sessions by a json field on every group
-- expect: all
-- params: 'ann'
delete from sessions where data->>'user' = ?;

-- [jsonb] insert with a jsonb parameter, serial key generated by the driver
-- expect: single
-- params: 42, 'purchase', '{"amount": 10}'
insert into events (customer_id, kind, payload) values (?, ?, ?::jsonb) returning id;

-- [jsonb] jsonb_array_length on rows of two groups
-- expect: multi
select jsonb_array_length(payload->'items') from events where id in (${K1}, ${K2});

-- =================================================================================== :: casts

-- [cast] key compared to a cast parameter
-- expect: single
select id::text from customers where id = ?::bigint;

-- [cast] CAST(? AS bigint) on the key
-- expect: single
select * from orders where customer_id = cast(? as bigint);

-- [cast] key compared to a cast string literal
-- expect: single
select * from orders where customer_id = '42'::bigint;

-- [cast] date cast in group by, ordered by position
-- expect: all
select created_at::date, count(*) from orders group by created_at::date order by 1;

-- [cast] numeric typmod cast on one row set
-- expect: single
select total::numeric(12,2) from orders where customer_id = 7;

-- [cast] interval arithmetic
-- expect: all
select * from orders where created_at > now() - interval '7 days';

-- [cast] timestamptz parameters, ordered and limited
-- expect: all
-- params: '2024-01-01', '2024-01-31'
select customer_id, id, created_at from orders where created_at >= ?::timestamptz and created_at < ?::timestamptz + interval '1 day' order by created_at limit 50;

-- [cast] key = any of a cast array parameter on two groups
-- expect: multi
-- params: [K1, K2]
select 'c-' || id::text from customers where id = any(?::bigint[]);

-- [cast] extract epoch cast to bigint
-- expect: single
select extract(epoch from created_at)::bigint from orders where customer_id = ?;

-- [cast] a parameter cast without any table
-- expect: home
select ?::int + 1;

-- [cast] ::regclass and catalog functions
-- expect: home
select pg_total_relation_size('orders'::regclass);

-- [cast] text key compared to a varchar cast
-- expect: single
select value from tenant_settings where tenant = 'acme'::varchar;

-- ========================================================================================= CTEs

-- [cte] filter in a CTE, count outside, one customer
-- expect: single
with recent as (select * from orders where customer_id = ? and created_at > now() - interval '30 days') select count(*) from recent;

-- [cte] aggregate by the shard key inside a CTE, filter outside: each group has whole groups
-- expect: all
-- params: 1000
with t as (select customer_id, sum(total) as s from orders group by customer_id) select * from t where s > ?;

-- [cte] recursive category tree (reference table)
-- expect: any
with recursive tree as (select id, parent_id, name from categories where id = ? union all select c.id, c.parent_id, c.name from categories c join tree t on c.parent_id = t.id) select * from tree;

-- [cte] recursive series without tables
-- expect: home
with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) select i from n;

-- [cte] recursive walk over a customer's orders (recursion is not proven slot-local: refused)
-- expect: refuse "recursive"
-- params: 42, 1001
with recursive chain as (select id, customer_id, parent_id from orders where customer_id = ? and id = ? union all select o.id, o.customer_id, o.parent_id from orders o join chain c on o.customer_id = c.customer_id and o.parent_id = c.id) select id from chain;

-- [cte] data-modifying: update in a CTE, count outside
-- expect: single
-- params: 42, 1001
with upd as (update orders set status = 'shipped' where customer_id = ? and id = ? returning id) select count(*) from upd;

-- [cte] data-modifying: delete then insert into an undeclared table
-- expect: home
-- params: 100
with gone as (delete from jobs where id = ? returning id, payload) insert into audit_log (actor, action, detail) select 'worker', 'done', payload from gone;

-- [cte] data-modifying: move a cart into orders (INSERT ... SELECT into a distributed table)
-- expect: refuse "joins distributed tables"
-- params: 42, 5000
with moved as (delete from carts where customer_id = ? returning customer_id) insert into orders (customer_id, id, status) select customer_id, ?, 'new' from moved;

-- [cte] data-modifying: insert returning from an undeclared table
-- expect: home
-- params: 'ann', 'login'
with ins as (insert into audit_log (actor, action) values (?, ?) returning id) select id from ins;

-- [cte] data-modifying: delete expired sessions everywhere, count them (count over a CTE is not
-- combined)
-- expect: refuse "not mergeable"
with d as (delete from sessions where expires_at < now() returning sid) select count(*) from d;

-- [cte] MATERIALIZED hint
-- expect: single
with o as materialized (select * from orders where customer_id = ?) select id, total from o where total > 10;

-- [cte] NOT MATERIALIZED hint with a join to a reference table
-- expect: single
with i as not materialized (select * from order_items where customer_id = ?) select i.order_id, p.name from i join products p on p.id = i.product_id;

-- [cte] a CTE over a distributed table joined with an undeclared one
-- expect: refuse "not declared"
with o as (select * from orders where customer_id = ?) select * from o join audit_log a on a.actor = o.status;

-- [cte] two CTEs on co-located tables, joined on the key
-- expect: single
-- params: 42, 42
with o as (select customer_id, count(*) n from orders where customer_id = ? group by customer_id), c as (select id, name from customers where id = ?) select c.name, o.n from c join o on o.customer_id = c.id;

-- [cte] ordered CTE result, limited outside, every group
-- expect: all
with open_orders as (select customer_id, id, created_at from orders where status = 'open') select * from open_orders order by created_at, customer_id, id limit 10;

-- [cte] CTE with window function over one partition of the key
-- expect: single
with ranked as (select id, total, rank() over (order by total desc) r from orders where customer_id = ?) select * from ranked where r <= 3;

-- ===================================================================================== pgvector

-- [vector] kNN inside one tenant, L2 distance
-- expect: single
-- params: 9, '[0.1,0.2,0.3]'
select id, title from documents where tenant_id = ? order by embedding <-> ?::vector limit 5;

-- [vector] kNN across tenants, cosine distance (sort key with a parameter must be selected)
-- expect: refuse "add it to the select list"
-- params: '[0.1,0.2,0.3]'
select id, title from documents order by embedding <=> ?::vector limit 10;

-- [vector] kNN across tenants, negative inner product (sort key with a parameter must be selected)
-- expect: refuse "add it to the select list"
-- params: '[0.1,0.2,0.3]'
select tenant_id, id from documents order by embedding <#> ?::vector limit 10;

-- [vector] distance in the select list, ordered by its alias
-- expect: all
-- params: '[0.1,0.2,0.3]'
select id, embedding <-> ?::vector as dist from documents order by dist limit 10;

-- [vector] distance threshold filter (JSqlParser 5.3 cannot read <-> followed by <)
-- expect: refuse "cannot read"
-- params: '[0.1,0.2,0.3]'
select id from documents where embedding <-> ?::vector < 0.5;

-- [vector] L1 distance (pgvector 0.7 <+>; JSqlParser 5.3 cannot read it)
-- expect: refuse "cannot read"
-- params: 9, '[1,2,3]'
select id from documents where tenant_id = ? order by embedding <+> ?::vector limit 3;

-- [vector] distance function form
-- expect: all
-- params: '[0.1,0.2,0.3]'
select id, cosine_distance(embedding, ?::vector) as d from documents order by d limit 10;

-- [vector] hybrid: keyword filter and vector order, one tenant
-- expect: single
-- params: 9, '%postgres%', '[0.1,0.2,0.3]'
select id, title from documents where tenant_id = ? and title ilike ? order by embedding <=> ?::vector limit 20;

-- [vector] tenants in an IN list, kNN (sort key with a parameter must be selected)
-- expect: refuse "add it to the select list"
-- params: K1, K2, '[0.1,0.2,0.3]'
select tenant_id, id from documents where tenant_id in (?, ?) order by embedding <-> ?::vector limit 5;

-- [vector] extension
-- expect: ddl
create extension if not exists vector;

-- [vector] HNSW index
-- expect: ddl
create index documents_embedding_idx on documents using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);

-- [vector] search parameter
-- expect: set
set hnsw.ef_search = 100;

-- [vector] insert a document with an embedding
-- expect: single
-- params: 9, 501, 'Hello', '[0.1,0.2,0.3]'
insert into documents (tenant_id, id, title, embedding) values (?, ?, ?, ?::vector);

-- ================================================================ ON CONFLICT / upserts

-- [upsert] cart line upsert, add quantities
-- expect: single
-- params: 42, 5, 2
insert into carts (customer_id, product_id, qty) values (?, ?, ?) on conflict (customer_id, product_id) do update set qty = carts.qty + excluded.qty;

-- [upsert] insert or ignore
-- expect: single
-- params: 42, 5, 1
insert into carts (customer_id, product_id, qty) values (?, ?, ?) on conflict do nothing;

-- [upsert] upsert on a constraint name
-- expect: single
-- params: 42, 5, 1
insert into carts (customer_id, product_id, qty) values (?, ?, ?) on conflict on constraint carts_pkey do nothing;

-- [upsert] conditional update with a where clause and returning
-- expect: single
-- params: 42, 5, 3, '2024-01-01'
insert into carts (customer_id, product_id, qty, updated_at) values (?, ?, ?, ?::timestamptz) on conflict (customer_id, product_id) do update set qty = excluded.qty, updated_at = excluded.updated_at where carts.updated_at < excluded.updated_at returning *;

-- [upsert] reference table upsert
-- expect: broadcast
-- params: 1, 'SKU-1', 'Widget', 9.99
insert into products (id, sku, name, price) values (?, ?, ?, ?) on conflict (id) do update set price = excluded.price;

-- [upsert] multi-row upsert with keys on two groups
-- expect: multi
insert into customers (id, email) values (${K1}, 'a@x'), (${K2}, 'b@x') on conflict (id) do nothing;

-- [upsert] text-keyed upsert merging jsonb
-- expect: single
-- params: 'acme', 'flags', '{"beta":true}'
insert into tenant_settings (tenant, key, value) values (?, ?, ?::jsonb) on conflict (tenant, key) do update set value = tenant_settings.value || excluded.value;

-- [upsert] uuid-keyed upsert
-- expect: single
-- params: u:6f1c1a4e-6a4e-4c1d-9b6e-0d4c2b7a1e11, 42, '{}'
insert into sessions (sid, user_id, data, expires_at) values (?, ?, ?::jsonb, now() + interval '1 hour') on conflict (sid) do update set expires_at = excluded.expires_at;

-- [upsert] TPC-C style stock upsert
-- expect: single
-- params: 55, 3, 100
INSERT INTO stock (s_i_id, s_w_id, s_quantity) VALUES (?, ?, ?) ON CONFLICT (s_w_id, s_i_id) DO UPDATE SET s_quantity = stock.s_quantity + EXCLUDED.s_quantity;

-- [upsert] counter upsert into an undeclared table
-- expect: home
-- params: 'page:/home'
insert into counters (name, n) values (?, 1) on conflict (name) do update set n = counters.n + 1 returning n;

-- [upsert] upsert returning xmax to tell insert from update
-- expect: single
-- params: 42, 5, 1
insert into carts (customer_id, product_id, qty) values (?, ?, ?) on conflict (customer_id, product_id) do update set qty = excluded.qty returning (xmax = 0) as inserted;

-- ==================================================================================== RETURNING

-- [returning] insert returning generated columns
-- expect: single
-- params: 42, 1001, 'new', 19.99
insert into orders (customer_id, id, status, total) values (?, ?, ?, ?) returning id, created_at;

-- [returning] update returning *
-- expect: single
-- params: 'paid', 42, 1001
update orders set status = ? where customer_id = ? and id = ? returning *;

-- [returning] delete returning
-- expect: single
delete from carts where customer_id = ? returning product_id, qty;

-- [returning] update on every group returning keys
-- expect: all
-- params: '2023-01-01'
update orders set status = 'cancelled' where created_at < ?::timestamptz and status = 'open' returning customer_id, id;

-- [returning] multi-row insert, keys generated by the driver
-- expect: routed
-- params: 42, 43
insert into events (customer_id, kind, payload) values (?, 'login', '{}'), (?, 'view', '{}') returning id;

-- [returning] delete on two groups returning
-- expect: multi
-- params: [K1, K2]
delete from carts where customer_id = any(?) returning customer_id, product_id;

-- [returning] job queue: claim one job (undeclared table, subquery with skip locked)
-- expect: home
update jobs set state = 'running', started_at = now() where id = (select id from jobs where state = 'queued' order by id for update skip locked limit 1) returning id, payload;

-- [returning] update of the shard key
-- expect: refuse "shard key"
-- params: 43, 42
update orders set customer_id = ? where customer_id = ? returning id;

-- ============================================================================== window functions

-- [window] running total inside one customer
-- expect: single
select id, total, sum(total) over (partition by customer_id order by created_at) as running from orders where customer_id = ?;

-- [window] global rank across groups
-- expect: refuse "window function"
select customer_id, id, rank() over (order by total desc) from orders;

-- [window] row_number per customer, every group
-- expect: refuse "window function"
select customer_id, id, row_number() over (partition by customer_id order by created_at desc) as rn from orders;

-- [window] top 3 per customer via a derived table
-- expect: refuse "window function"
select * from (select o.*, row_number() over (partition by customer_id order by created_at desc) as rn from orders o) x where rn <= 3;

-- [window] lag/lead inside one customer
-- expect: single
select id, created_at, lag(created_at) over w as prev, lead(created_at) over w as next from orders where customer_id = ? window w as (order by created_at);

-- [window] ntile over a reference table
-- expect: any
select id, price, ntile(4) over (order by price) from products;

-- [window] count(*) over () for a total with a page (Spring pagination trick)
-- expect: refuse "window function"
-- params: 20
select id, name, count(*) over () as total from customers order by id limit ?;

-- [window] percent_rank inside one warehouse (TPC-C)
-- expect: single
-- params: 3
select c_id, percent_rank() over (order by c_balance) from customer where c_w_id = ?;

-- ================================================================================= DISTINCT ON

-- [distinct-on] latest order per customer across groups
-- expect: refuse "DISTINCT ON"
select distinct on (customer_id) customer_id, id, created_at from orders order by customer_id, created_at desc;

-- [distinct-on] latest order per status inside one customer
-- expect: single
select distinct on (status) status, id, created_at from orders where customer_id = ? order by status, created_at desc;

-- [distinct-on] reference table
-- expect: any
select distinct on (category_id) category_id, id, price from products order by category_id, price;

-- [distinct-on] TPC-C customers by district in one warehouse
-- expect: single
-- params: 3
select distinct on (c_d_id) c_d_id, c_id, c_balance from customer where c_w_id = ? order by c_d_id, c_balance desc;

-- ====================================================================================== LATERAL

-- [lateral] three latest orders of one customer
-- expect: single
select c.id, o.id, o.created_at from customers c cross join lateral (select * from orders o where o.customer_id = c.id order by o.created_at desc limit 3) o where c.id = ?;

-- [lateral] left join lateral on true
-- expect: single
select c.id, last.total from customers c left join lateral (select total from orders o where o.customer_id = c.id order by created_at desc limit 1) last on true where c.id = ?;

-- [lateral] unnest of an array column (reference)
-- expect: any
select p.id, x.tag from products p, lateral unnest(p.tags) as x(tag);

-- [lateral] generate_series lateral with a key
-- expect: single
select o.id, d.day from orders o, lateral generate_series(o.created_at::date, o.created_at::date + 3, interval '1 day') as d(day) where o.customer_id = ?;

-- [lateral] lateral over a reference table from a distributed row
-- expect: single
select o.id, p.name from order_items o cross join lateral (select name from products p where p.id = o.product_id) p where o.customer_id = ?;

-- [lateral] lateral subquery on the co-located key, no key predicate
-- expect: all
select c.id, o.n from customers c cross join lateral (select count(*) as n from orders o where o.customer_id = c.id) o;

-- ================================================================================= arrays / ANY

-- [array] key = any(?) with a Long[] on two groups
-- expect: multi
-- params: [K1, K2]
select * from customers where id = any(?);

-- [array] key = any and another any on text
-- expect: multi
-- params: [K1, K2], ['open', 'paid']
select * from orders where customer_id = any(?) and status = any(?);

-- [array] key = any(array[?, ?])
-- expect: multi
-- params: K1, K2
select * from orders where customer_id = any(array[?, ?]);

-- [array] key in (select unnest(?))
-- expect: all
-- params: [K1, K2]
select * from orders where customer_id in (select unnest(?::bigint[]));

-- [array] value = any(array column) on a reference table
-- expect: any
-- params: 'sale'
select id from products where ? = any(tags);

-- [array] overlap && with an array parameter
-- expect: any
-- params: ['sale', 'new']
select id from products where tags && ?::text[];

-- [array] contains @> with an array literal
-- expect: any
select id from products where tags @> array['sale'];

-- [array] array_agg inside one customer
-- expect: single
select array_agg(id order by id) from orders where customer_id = ?;

-- [array] array_agg across groups
-- expect: refuse "array_agg"
select array_agg(id) from orders;

-- [array] array_append on a reference table
-- expect: broadcast
-- params: 'sale', 1
update products set tags = array_append(tags, ?) where id = ?;

-- [array] unnest of a parameter without tables
-- expect: home
-- params: [1, 2, 3]
select unnest(?::int[]);

-- [array] key = all(?) does not bound the key
-- expect: all
-- params: [K1, K2]
select * from orders where customer_id = all(?);

-- [array] empty array: no row can match, one group answers
-- expect: single
-- params: []
select * from orders where customer_id = any(?);

-- =============================================================== predicates that must not bound

-- [predicate] key under OR: every group
-- expect: all
-- params: 42, 'open'
select * from orders where customer_id = ? or status = ?;

-- [predicate] key under NOT: every group
-- expect: all
select * from orders where not (customer_id = ?);

-- [predicate] key in parentheses
-- expect: single
select * from orders where (customer_id = ?);

-- [predicate] key compared to arithmetic
-- expect: all
select * from orders where customer_id = ? + 1;

-- [predicate] key range
-- expect: all
-- params: 1, 100
select * from orders where customer_id between ? and ?;

-- [predicate] key inequality
-- expect: all
select * from orders where customer_id <> ?;

-- [predicate] key through a function
-- expect: all
select * from orders where coalesce(customer_id, 0) = ?;

-- [predicate] key equals a scalar subquery on a co-located table (not proven co-located)
-- expect: refuse "joins distributed tables"
select * from customers where id = (select customer_id from orders where id = ?);

-- [predicate] key in a subquery of a co-located table with a filter
-- expect: all
-- params: 'ann@example.com'
select * from orders where status = 'open' and customer_id in (select id from customers where email = ?);

-- [predicate] key bound, exists on the co-located table
-- expect: single
select * from orders o where o.customer_id = ? and exists (select 1 from order_items i where i.customer_id = o.customer_id and i.order_id = o.id);

-- [predicate] key is null
-- expect: all
select * from orders where customer_id is null;

-- [predicate] key = NULL literal matches nothing: one group
-- expect: single
select * from orders where customer_id = null;

-- [predicate] key bound in a join ON clause
-- expect: single
select o.id, i.product_id from orders o join order_items i on i.customer_id = o.customer_id and i.order_id = o.id and o.customer_id = ?;

-- ======================================================================== scatter-gather merges

-- [merge] dashboard: group by, having, order by an aggregate position, limit
-- expect: all
-- params: 5
select status, count(*), sum(total), avg(total), min(created_at), max(created_at) from orders group by status having count(*) > ? order by 2 desc limit 5;

-- [merge] count with FILTER (not combined yet)
-- expect: refuse "not a plain count/sum/min/max/avg"
select count(*) filter (where status = 'paid') from orders;

-- [merge] expression over aggregates
-- expect: refuse "not a plain count/sum/min/max/avg"
select sum(total) / count(*) from orders;

-- [merge] bool_and is not combined
-- expect: refuse "bool_and"
select bool_and(total > 0) from orders;

-- [merge] ordered-set aggregate
-- expect: refuse "percentile_cont"
select percentile_cont(0.5) within group (order by total) from orders;

-- [merge] count over a co-located join with a filter
-- expect: all
-- params: 'DE'
select count(*) from orders o join customers c on c.id = o.customer_id where c.country_code = ?;

-- [merge] group by a column of the joined table
-- expect: all
select c.country_code, count(*) from orders o join customers c on c.id = o.customer_id group by c.country_code;

-- [merge] date_trunc group by position
-- expect: all
select date_trunc('day', created_at) as d, sum(total) from orders group by 1 order by 1;

-- [merge] coalesce over an aggregate, keys on two groups
-- expect: refuse "not a plain count/sum/min/max/avg"
-- params: [K1, K2]
select coalesce(sum(total), 0) from orders where customer_id = any(?);

-- [merge] exists over a distributed table without FROM
-- expect: refuse "subquery"
select exists(select 1 from orders where status = ?);

-- [merge] scalar subquery aggregate without FROM
-- expect: refuse "subquery"
select (select count(*) from orders);

-- [merge] count over a derived DISTINCT of a non-key column
-- expect: refuse "subquery"
select count(*) from (select distinct status from orders) t;


-- [merge] a derived aggregate grouped by a non-key column (partial groups on each group)
-- expect: refuse "subquery"
select * from (select status, count(*) as n from orders group by status) t;

-- [merge] a CTE aggregate grouped by a non-key column (partial groups on each group)
-- expect: refuse "in a subquery"
with t as (select status, sum(total) as s from orders group by status) select * from t;

-- [merge] SELECT INTO a new table from a distributed table (each group would copy its own rows)
-- expect: refuse "SELECT ... INTO orders_backup"
select * into orders_backup from orders;

-- [merge] SELECT INTO from a reference table: every group creates the same copy
-- expect: broadcast
select * into products_backup from products;

-- [merge] SELECT INTO TEMP from a distributed table (JSqlParser 5.3 cannot read INTO TEMP)
-- expect: refuse "cannot read"
select * into temp my_orders from orders where customer_id = ?;

-- [merge] max over a derived aggregate grouped by the shard key: whole groups on each group
-- expect: all
select max(s) from (select customer_id, sum(total) as s from orders group by customer_id) t;

-- [merge] union all of two scans (concatenation)
-- expect: all
select id from orders where status = 'a' union all select id from orders where status = 'b';

-- [merge] union (de-duplicating) across groups
-- expect: refuse "UNION"
select customer_id from orders where status = 'a' union select customer_id from orders where status = 'b';

-- [merge] except across groups (two distributed tables in a set operation)
-- expect: refuse "joins distributed tables"
select customer_id from orders except select id from customers;

-- [merge] order by nulls first with a limit and offset
-- expect: all
-- params: 10, 20
select customer_id, id, total from orders order by total desc nulls first, customer_id, id limit ? offset ?;

-- [merge] fetch first with ties
-- expect: refuse "WITH TIES"
select customer_id, id, total from orders order by total desc fetch first 5 rows with ties;

-- [merge] grouping sets
-- expect: refuse "GROUPING SETS"
select status, count(*) from orders group by grouping sets ((status), ());

-- [merge] table sample
-- expect: all
select * from orders tablesample system (1);

-- [merge] string_agg across groups
-- expect: refuse "string_agg"
select string_agg(status, ',') from orders;

-- ============================================================== writes across tables / groups

-- [write] UPDATE ... FROM a co-located table
-- expect: all
update orders set total = total * 1.1 from customers c where c.id = orders.customer_id and c.tier = 'gold';

-- [write] DELETE ... USING a co-located table
-- expect: all
-- params: 'spam@example.com'
delete from orders using customers c where c.id = orders.customer_id and c.email = ?;

-- [write] UPDATE ... FROM an aggregate subquery of a co-located table, one customer
-- expect: single
-- params: 42, 42
update orders o set total = s.sum from (select customer_id, order_id, sum(price * qty) as sum from order_items where customer_id = ? group by customer_id, order_id) s where o.customer_id = ? and o.customer_id = s.customer_id and o.id = s.order_id;

-- [write] INSERT ... SELECT from a distributed into an undeclared table
-- expect: refuse "not declared"
insert into audit_log (actor, action) select status, 'report' from orders;

-- [write] INSERT ... SELECT from a distributed into a reference table
-- expect: refuse "INSERT ... SELECT"
insert into products (id, name) select id, status from orders;

-- [write] INSERT ... SELECT between co-located distributed tables
-- expect: refuse "INSERT ... SELECT"
insert into orders (customer_id, id, status) select customer_id, product_id, 'copied' from carts;

-- [write] INSERT without a column list, positional key
-- expect: single
-- params: 1001, 42, 'new'
insert into orders values (?, ?, ?);

-- [write] INSERT of DEFAULT VALUES into a serial-keyed table (not supported yet)
-- expect: refuse "DEFAULT VALUES"
insert into events default values;

-- [write] INSERT with a NULL shard key
-- expect: error 23502
insert into orders (customer_id, id) values (null, 1);

-- ================================================================================= DDL / admin

-- [ddl] create a table
-- expect: ddl
create table if not exists customers (id bigint primary key, email text not null unique, name text, country_code char(2), tier text, metadata jsonb not null default '{}', created_at timestamptz not null default now());

-- [ddl] concurrent index
-- expect: ddl
create index concurrently if not exists orders_created_idx on orders (created_at);

-- [ddl] GIN index on jsonb
-- expect: ddl
create index events_payload_gin on events using gin (payload jsonb_path_ops);

-- [ddl] add a column
-- expect: ddl
alter table orders add column note text;

-- [ddl] drop a table
-- expect: ddl
drop table if exists tmp_import cascade;

-- [ddl] truncate
-- expect: ddl
truncate carts;

-- [ddl] comment
-- expect: ddl
comment on table orders is 'customer orders';

-- [ddl] view over a distributed table
-- expect: ddl
create view open_orders as select * from orders where status = 'open';

-- [ddl] sequence
-- expect: ddl
create sequence if not exists customers_seq start 1 increment 50;

-- [ddl] enum type
-- expect: ddl
create type order_status as enum ('new', 'paid', 'shipped', 'cancelled');

-- [ddl] schema
-- expect: ddl
create schema if not exists reporting;

-- [ddl] grant
-- expect: ddl
grant select on orders to reporting;

-- [ddl] declare a distributed table
-- expect: call
select synapse.distribute_table('orders', 'customer_id');

-- [ddl] declare a reference table
-- expect: call
select synapse.reference_table('countries');

-- [ddl] plpgsql function body with dollar quoting
-- expect: ddl
create or replace function touch_updated_at() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end; $$;

-- [ddl] CREATE TABLE AS from a distributed table cannot be built from one group's rows
-- expect: refuse "orders"
create table orders_copy as select * from orders;

-- [ddl] CREATE TEMP TABLE AS with a key bound still copies rows of one group into every group
-- expect: refuse "orders"
create temp table my_orders as select * from orders where customer_id = 42;

-- [ddl] CREATE MATERIALIZED VIEW over a distributed table
-- expect: refuse "orders"
create materialized view order_totals as select customer_id, sum(total) from orders group by customer_id;

-- [ddl] CREATE TABLE AS from an undeclared table is plain DDL
-- expect: ddl
create table audit_copy as select * from audit_log;

-- [ddl] CREATE TABLE with a foreign key to a distributed table is plain DDL
-- expect: ddl
create table order_notes (customer_id bigint, order_id bigint, note text, foreign key (customer_id, order_id) references orders (customer_id, id));

-- [ddl] partition-style maintenance statement naming a distributed table
-- expect: refuse "orders"
lock table orders in share row exclusive mode;

-- ===================================================================== session / transactions

-- [session] start a transaction with an isolation level
-- expect: txn
start transaction isolation level repeatable read;

-- [session] savepoint
-- expect: txn
savepoint s1;

-- [session] rollback to savepoint
-- expect: txn
rollback to savepoint s1;

-- [session] release savepoint
-- expect: txn
release savepoint s1;

-- [session] commit
-- expect: txn
commit;

-- [session] rollback
-- expect: txn
rollback;

-- [session] statement timeout for the transaction
-- expect: set
set local statement_timeout = '5s';

-- [session] search path
-- expect: set
set search_path to public;

-- [session] application name
-- expect: set
set application_name = 'billing';

-- [session] show a setting
-- expect: home
show server_version;

-- [session] advisory lock
-- expect: home
-- params: 42
select pg_advisory_xact_lock(?);

-- [session] current_setting
-- expect: home
select current_setting('app.tenant', true);

-- [session] anonymous code block: its body is code the driver cannot read (issue 11)
-- expect: refuse "DO block"
do $$ begin perform pg_sleep(0); end $$;

-- [session] anonymous code block the application places on the home group
-- expect: home
/*+ synapse:home */ do $$ begin perform pg_sleep(0); end $$;

-- [session] anonymous code block the application places on every group
-- expect: broadcast
/*+ synapse:all_groups */ do $$ begin perform pg_sleep(0); end $$;

-- [session] listen
-- expect: home
listen order_events;

-- [session] notify through a function
-- expect: home
-- params: 'order_events', '{"id":1}'
select pg_notify(?, ?);

-- [session] the driver's view of distributed transactions
-- expect: home
select * from synapse.distributed_transactions;

-- ====================================================================================== EXPLAIN

-- [explain] explain analyze of a key lookup
-- expect: single
explain (analyze, buffers) select * from orders where customer_id = ?;

-- [explain] explain of a scatter order by limit
-- expect: all
explain select * from orders order by created_at limit 10;

-- [explain] explain of an unmergeable query (refused like the query itself)
-- expect: refuse "window function"
explain select rank() over (order by total) from orders;

-- ============================================================== hints

-- [hint] refuse full fan-out for this statement (the router routes it to every group; the
-- executor then refuses it because of the hint, see ScatterGatherIT)
-- expect: all
/*+ synapse:no_fanout */ select * from orders where status = 'open';

-- [hint] no_fanout with a key bound is fine
-- expect: single
/*+ synapse:no_fanout */ select * from orders where customer_id = ?;
