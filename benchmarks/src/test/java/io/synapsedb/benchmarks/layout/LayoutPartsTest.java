package io.synapsedb.benchmarks.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapsedb.core.KeyType;
import io.synapsedb.placement.Placement;
import io.synapsedb.placement.SlotHasher;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The layout benchmark's pure parts: the slot expression's arithmetic, slot sets, rows, SQL texts, reports. */
class LayoutPartsTest {

    private static final OwnedSlots G1 = OwnedSlots.of(Placement.compute(128, List.of("g1", "g2", "g3")), 0);

    @Test
    void powerOfTwoSlotExpressionIsTheLowBitsOfTheCombinedHash() {
        assertThat(SlotSql.of(KeyType.INT8, "k", 128))
                .isEqualTo("coalesce(((hashint8extended(k, 8816678312871386365) & 127) + 99) & 127, 0)");
        SplittableRandom rnd = new SplittableRandom(14);
        for (int slots : new int[] {1, 2, 8, 128, 4096}) {
            long mask = slots - 1;
            for (int i = 0; i < 10_000; i++) {
                long h = rnd.nextLong();
                // What the SQL computes in bigint, never overflowing: at most 2 * (S - 1).
                long sql = ((h & mask) + (SlotSql.COMBINE64 & mask)) & mask;
                assertThat(sql).isEqualTo(Long.remainderUnsigned(h + SlotSql.COMBINE64, slots));
            }
        }
    }

    @Test
    void otherSlotCountsGoThroughNumericAndGiveTheUnsignedRemainder() {
        String sql = SlotSql.of(KeyType.TEXT, "name", 100);
        Matcher m = Pattern.compile("mod\\(hashtextextended\\(name, 8816678312871386365\\)::numeric \\+ (\\d+),"
                + " (\\d+)\\) % 100").matcher(sql);
        assertThat(m.find()).as(sql).isTrue();
        BigInteger shifted = new BigInteger(m.group(1));
        BigInteger twoTo64 = new BigInteger(m.group(2));
        assertThat(twoTo64).isEqualTo(BigInteger.ONE.shiftLeft(64));
        SplittableRandom rnd = new SplittableRandom(14);
        for (int i = 0; i < 10_000; i++) {
            long h = rnd.nextLong();
            BigInteger sum = BigInteger.valueOf(h).add(shifted);
            assertThat(sum.signum()).isPositive();
            assertThat(sum.mod(twoTo64).mod(BigInteger.valueOf(100)).longValue())
                    .isEqualTo(Long.remainderUnsigned(h + SlotSql.COMBINE64, 100));
        }
    }

    @Test
    void everyKeyTypeHashesWithPostgresFunctionOfItsFamily() {
        assertThat(SlotSql.hashFunction(KeyType.INT2)).isEqualTo("hashint2extended");
        assertThat(SlotSql.hashFunction(KeyType.INT4)).isEqualTo("hashint4extended");
        assertThat(SlotSql.hashFunction(KeyType.VARCHAR)).isEqualTo(SlotSql.hashFunction(KeyType.TEXT));
        assertThat(SlotSql.hashFunction(KeyType.UUID)).isEqualTo("uuid_hash_extended");
        assertThatThrownBy(() -> SlotSql.of(KeyType.INT8, "k", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownedSlotsAreSortedAndSplitByCoarseRemainder() {
        OwnedSlots o = new OwnedSlots(16, new int[] {9, 1, 4, 12});
        assertThat(o.toArray()).containsExactly(1, 4, 9, 12);
        assertThat(o.sqlList()).isEqualTo("1,4,9,12");
        // bits 1 and 4 of byte 0 (0x12), bits 1 and 4 of byte 1 (slots 9 and 12: 0x12)
        assertThat(o.bitmapHex()).isEqualTo("\\x1212");
        assertThat(new OwnedSlots(12, new int[] {0, 11}).bitmapHex()).isEqualTo("\\x0108");
        assertThat(o.contains(9)).isTrue();
        assertThat(o.without(9).toArray()).containsExactly(1, 4, 12);
        assertThat(o.inRemainder(4, 0).toArray()).containsExactly(4, 12);
        assertThat(o.inRemainder(4, 1).toArray()).containsExactly(1, 9);
        assertThat(o.inRemainder(4, 2).size()).isZero();
        assertThatThrownBy(() -> o.inRemainder(3, 0)).hasMessageContaining("must divide");
        assertThatThrownBy(() -> new OwnedSlots(16, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OwnedSlots(16, new int[] {16})).isInstanceOf(IllegalArgumentException.class);
        int total = 0;
        Placement p = Placement.compute(128, List.of("g1", "g2", "g3"));
        for (int g = 0; g < 3; g++) {
            total += OwnedSlots.of(p, g).size();
        }
        assertThat(total).isEqualTo(128);
    }

    @Test
    void groupRowsAreTheOwnedKeysAndKnowEveryAnswer() {
        GroupRows rows = new GroupRows(3_000, G1);
        long[] keys = rows.keys();
        assertThat(Arrays.stream(keys).allMatch(k -> G1.contains(SlotHasher.slotOfLong(k, 128)))).isTrue();
        assertThat(rows.size()).isBetween(700, 1_700);
        assertThat(rows.scanCount(keys[0], 5)).isEqualTo(5);
        assertThat(rows.scanCount(keys[keys.length - 2], 5)).isEqualTo(2);
        assertThat(rows.scanCount(keys[keys.length - 1] + 1, 5)).isZero();
        int sum = 0;
        for (int cat = 0; cat < 300; cat++) {
            sum += rows.rowsIn(cat);
        }
        assertThat(sum).isEqualTo(rows.size());
        assertThat(Arrays.stream(keys).mapToDouble(GroupRows::score).max().orElseThrow())
                .isEqualTo(GroupRows.score(rows.topByScore()));
        long fresh = rows.freshKeyIn(G1.toArray()[0]);
        assertThat(fresh).isGreaterThanOrEqualTo(3_000);
        assertThat(SlotHasher.slotOfLong(fresh, 128)).isEqualTo(G1.toArray()[0]);
        long[] fresh50 = rows.ownedKeysFrom(3_000, 50);
        assertThat(fresh50).hasSize(50).doesNotHaveDuplicates();
        assertThat(Arrays.stream(fresh50).allMatch(rows::owns)).isTrue();
        assertThat(GroupRows.payload(7)).hasSize(100);
    }

    @Test
    void statementsNameTheRelationEachLayoutSendsThemTo() {
        Layout direct = layout("hash128-direct");
        LayoutStatements d = new LayoutStatements(direct, 128);
        assertThat(d.read(17)).isEqualTo("SELECT k, cat, score, payload FROM hash128_s17 WHERE k = ?");
        assertThat(d.update(3)).isEqualTo("UPDATE hash128_s3 SET payload = ? WHERE k = ?");
        assertThat(d.scan()).contains("FROM hash128 WHERE");
        assertThat(d.insert()).startsWith("INSERT INTO hash128_ins (");
        LayoutStatements g = new LayoutStatements(layout("fencedtrg-guarded"), 128);
        assertThat(g.read(5)).isEqualTo(g.read(99))
                .isEqualTo("SELECT k, cat, score, payload FROM fencedtrg WHERE k = ? AND (fencedtrg_fence(?) OR"
                        + " synapse_stale_route('fencedtrg', ?))");
        assertThat(g.scan()).doesNotContain("_fence");
        assertThatThrownBy(() -> new Layout("x", Storage.FENCED, Layout.Access.TABLE, Layout.Access.TABLE, true))
                .hasMessageContaining("no fence function");
        LayoutStatements l = new LayoutStatements(layout("list1-direct"), 128);
        assertThat(l.read(5)).contains("FROM list1_g WHERE");
        assertThat(l.lookup()).contains("FROM list1_g WHERE cat = ?");
        assertThat(l.insert()).startsWith("INSERT INTO list1_ins_g (");
        assertThat(Layout.all().get(0).name()).isEqualTo("plain");
        assertThat(Layout.all().stream().map(Layout::name).distinct().count()).isEqualTo(Layout.all().size());
    }

    @Test
    void storagesCreateFencesAndGiveASlotUp() {
        List<String> fenced = Storage.FENCED.create("t", G1);
        String slot = Storage.slot(G1);
        assertThat(fenced.get(0)).contains("CONSTRAINT t_synapse_fence CHECK (" + slot + " = ANY ('{" + G1.sqlList()
                + "}'::bigint[]))");
        assertThat(fenced).contains("CREATE INDEX t_slot ON t ((" + slot + "))");
        int s = G1.toArray()[0];
        assertThat(Storage.FENCED.release("t", s, G1.without(s))).containsExactly(
                "ALTER TABLE t DROP CONSTRAINT t_synapse_fence, ADD CONSTRAINT t_synapse_fence CHECK (" + slot
                        + " = ANY ('{" + G1.without(s).sqlList() + "}'::bigint[])) NOT VALID",
                "DELETE FROM t WHERE " + slot + " = " + s);
        assertThat(Storage.HASH_PER_SLOT.create("t", G1)).filteredOn(q -> q.contains("PARTITION OF")).hasSize(G1.size());
        assertThat(Storage.HASH_PER_SLOT.release("t", s, G1.without(s))).containsExactly("DROP TABLE t_s" + s);
        assertThat(Storage.LIST_PER_GROUP.create("t", G1).get(1)).isEqualTo("CREATE TABLE t_g PARTITION OF t"
                + " (PRIMARY KEY (k)) FOR VALUES IN (" + G1.sqlList() + ")");
        List<String> coarse = Storage.COARSE_HASH.create("t", G1);
        long partitions = coarse.stream().filter(q -> q.contains("PARTITION OF")).count();
        assertThat(partitions).isEqualTo(java.util.stream.IntStream.range(0, Storage.COARSE)
                .filter(r -> G1.inRemainder(Storage.COARSE, r).size() > 0).count());
        assertThat(coarse).filteredOn(q -> q.contains("PARTITION OF")).allMatch(q -> q.contains("_synapse_fence CHECK"));
        OwnedSlots lone = new OwnedSlots(128, new int[] {3, 12});
        assertThat(Storage.COARSE_HASH.release("t", 3, lone.without(3))).containsExactly("DROP TABLE t_h3");
        assertThat(Storage.PLAIN.release("t", s, G1)).isNull();
        assertThat(Storage.FENCED.validate("t", G1)).containsExactly("ALTER TABLE t VALIDATE CONSTRAINT t_synapse_fence");
        List<String> fn = Storage.FENCED_FUNCTION.create("t", G1);
        assertThat(fn.get(0)).startsWith("CREATE OR REPLACE FUNCTION t_fence(k bigint) RETURNS boolean LANGUAGE plpgsql"
                + " STABLE").contains("get_bit('" + G1.bitmapHex() + "'::bytea, " + slot + ") = 1");
        assertThat(fn.get(1)).contains("CONSTRAINT t_synapse_fence CHECK (t_fence(k))");
        assertThat(Storage.FENCED_FUNCTION.release("t", s, G1.without(s))).containsExactly(
                "LOCK TABLE t IN SHARE MODE", Storage.FENCED_FUNCTION.fenceFunction("t", G1.without(s)),
                "DELETE FROM t WHERE " + slot + " = " + s);
        assertThat(Storage.FENCED_FUNCTION.validate("t", G1)).isEmpty();
        List<String> trg = Storage.FENCED_TRIGGER.create("t", G1);
        assertThat(trg.get(0)).isEqualTo(fn.get(0));
        assertThat(trg).contains("CREATE TABLE t (" + Storage.COLUMNS + ", PRIMARY KEY (k))",
                "CREATE TRIGGER t_synapse_fence BEFORE INSERT OR UPDATE OF k ON t FOR EACH ROW EXECUTE FUNCTION"
                        + " t_fence_row()");
        assertThat(trg.get(1)).contains("IF NOT t_fence(NEW.k)").contains("ERRCODE = '23514', CONSTRAINT = 't_synapse_fence'");
        assertThat(Storage.FENCED_TRIGGER.release("t", s, G1.without(s)))
                .isEqualTo(Storage.FENCED_FUNCTION.release("t", s, G1.without(s)));
    }

    @Test
    void insertKeysHandOutDistinctBatchesUntilTheyRunOut() {
        InsertKeys keys = new InsertKeys(new long[] {1, 2, 3, 4, 5}, 2);
        assertThat(keys.nextBatch()).containsExactly(1, 2);
        assertThat(keys.nextBatch()).containsExactly(3, 4);
        assertThatThrownBy(keys::nextBatch).hasMessageContaining("-DinsertKeys");
        keys.reset();
        assertThat(keys.nextBatch()).containsExactly(1, 2);
    }

    @Test
    void reportGivesRatiosToTheFirstLayoutAndNoCpuRatioWhenCpuIsUnknown() {
        LayoutResults r = new LayoutResults();
        r.add(LayoutOp.SCAN, "plain", 1000, 100, 900, 50);
        r.add(LayoutOp.SCAN, "plain", 3000, 120, 950, 70);
        r.add(LayoutOp.SCAN, "hash128", 500, 300, 2000, 240);
        r.add(LayoutOp.SCAN, "hash128", 500, 300, 2000, 240);
        r.add(LayoutOp.READ, "plain", 1000, 100, 900, -1);
        r.add(LayoutOp.READ, "hash128", 1000, 100, 900, -1);
        assertThat(r.median(LayoutOp.SCAN, "plain", LayoutResults.THROUGHPUT)).isEqualTo(2000);
        assertThat(r.ratio(LayoutOp.SCAN, "hash128", "plain", LayoutResults.THROUGHPUT)).isEqualTo(0.25);
        assertThat(r.ratio(LayoutOp.SCAN, "hash128", "plain", LayoutResults.SERVER_CPU_US)).isEqualTo(4.0);
        assertThat(r.ratio(LayoutOp.READ, "hash128", "plain", LayoutResults.SERVER_CPU_US)).isNaN();
        List<Layout> layouts = List.of(layout("plain"), layout("hash128"));
        LayoutReport report = new LayoutReport(r, layouts, List.of(), List.of(), List.of(), "header", 128);
        assertThat(report.markdown()).contains("| short range scan (YCSB E) | 1.00 (1.00) | 0.25 (4.00) |")
                .contains("| point read by key | 1.00 (–) | 1.00 (–) |")
                .contains("| `hash128` | 500 | 500–500 | 0.25 | 300 | 2000 | 240.0 | 4.00 |");
        assertThat(report.runsCsv()).contains("scan,plain,2,3000.0,120.0,950.0,70.00").contains("read,plain,1,1000.0,"
                + "100.0,900.0,\n");
    }

    @Test
    void settingsRefuseUnknownLayoutsAndAlwaysRunTheBaselineFirst() {
        assertThatThrownBy(() -> new LayoutSettings(10, 128, 1, 1, 0, 1, 10, List.of("hash9"), Path.of("x")))
                .hasMessageContaining("unknown layout 'hash9'").hasMessageContaining("fencedtrg-guarded");
        LayoutSettings s = new LayoutSettings(10, 128, 1, 1, 0, 1, 10, List.of("fenced"), Path.of("x"));
        assertThat(s.selected()).extracting(Layout::name).containsExactly("plain", "fenced");
        assertThatThrownBy(() -> new LayoutSettings(10, 100, 1, 1, 0, 1, 10, List.of("all"), Path.of("x")))
                .hasMessageContaining("hash8 needs slots divisible by 8");
        assertThat(new LayoutSettings(10, 100, 1, 1, 0, 1, 10, List.of("fenced"), Path.of("x")).slots()).isEqualTo(100);
    }

    private static Layout layout(String name) {
        return Layout.all().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
