package io.synapsedb.placement;

import io.synapsedb.placement.Placement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final int S = 128;

    /** Different naming styles, so balance is not an accident of one set of names. */
    private static final List<List<String>> NAME_STYLES = List.of(
            names("g", 40), names("group-", 40), names("pg-eu-west-", 40), names("shard_", 40));

    private static List<String> names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    @Test
    void everySlotIsPlacedOnExactlyOneGroup() {
        for (int n = 1; n <= 12; n++) {
            Placement p = Placement.compute(S, names("g", n));
            assertThat(p.slots()).isEqualTo(S);
            assertThat(p.epoch()).isZero();
            boolean[] seen = new boolean[S];
            for (int g = 0; g < n; g++) {
                for (int s : p.slotsOf(g)) {
                    assertThat(seen[s]).as("slot %d placed twice", s).isFalse();
                    seen[s] = true;
                    assertThat(p.groupOf(s)).isEqualTo(g);
                    assertThat(p.groupNameOf(s)).isEqualTo("g" + g);
                }
            }
            for (int s = 0; s < S; s++) {
                assertThat(seen[s]).as("slot %d not placed", s).isTrue();
            }
        }
    }

    @Test
    void balancedForThreeToTenGroups() {
        for (List<String> style : NAME_STYLES) {
            for (int n = 3; n <= 10; n++) {
                Placement p = Placement.compute(S, style.subList(0, n));
                double mean = (double) S / n;
                double sd = Math.sqrt(S * (1.0 / n) * (1 - 1.0 / n));
                for (int g = 0; g < n; g++) {
                    // Slot counts are binomial(S, 1/n); 4 standard deviations is generous.
                    assertThat((double) p.slotsOf(g).length).as("%s: %s", p, style.get(g))
                            .isBetween(mean - 4 * sd, mean + 4 * sd);
                }
            }
        }
    }

    @Test
    void addingAGroupOnlyMovesSlotsToIt() {
        for (List<String> style : NAME_STYLES) {
            for (int n = 1; n < 32; n++) {
                Placement before = Placement.compute(S, style.subList(0, n));
                Placement after = Placement.compute(S, style.subList(0, n + 1));
                String added = style.get(n);
                int moved = 0;
                for (int s = 0; s < S; s++) {
                    if (!before.groupNameOf(s).equals(after.groupNameOf(s))) {
                        assertThat(after.groupNameOf(s)).as("slot %d moved between old groups", s).isEqualTo(added);
                        moved++;
                    }
                }
                assertThat(moved).isEqualTo(after.slotsOf(n).length);
                double p = 1.0 / (n + 1);
                double sd = Math.sqrt(S * p * (1 - p));
                assertThat((double) moved).as("%d -> %d groups (%s...)", n, n + 1, style.get(0))
                        .isBetween(S * p - 4 * sd, S * p + 4 * sd);
            }
        }
    }

    @Test
    void removingAGroupOnlyMovesItsSlots() {
        for (List<String> style : NAME_STYLES) {
            for (int n = 2; n <= 12; n++) {
                List<String> all = style.subList(0, n);
                Placement before = Placement.compute(S, all);
                for (String removed : all) {
                    List<String> rest = new ArrayList<>(all);
                    rest.remove(removed);
                    Placement after = Placement.compute(S, rest);
                    for (int s = 0; s < S; s++) {
                        if (!before.groupNameOf(s).equals(removed)) {
                            assertThat(after.groupNameOf(s)).as("slot %d of a remaining group moved", s)
                                    .isEqualTo(before.groupNameOf(s));
                        }
                    }
                }
            }
        }
    }

    @Test
    void orderOfNamesDoesNotChangeOwners() {
        Random rnd = new Random(11);
        for (int n = 1; n <= 10; n++) {
            List<String> names = new ArrayList<>(names("node-", n));
            Placement reference = Placement.compute(S, names);
            for (int i = 0; i < 5; i++) {
                Collections.shuffle(names, rnd);
                Placement shuffled = Placement.compute(S, names);
                for (int s = 0; s < S; s++) {
                    assertThat(shuffled.groupNameOf(s)).isEqualTo(reference.groupNameOf(s));
                    assertThat(shuffled.groupNames().get(shuffled.groupOf(s))).isEqualTo(reference.groupNameOf(s));
                }
            }
        }
    }

    @Test
    void deterministicAndStableAcrossVersions() {
        List<String> groups = List.of("alpha", "beta", "gamma");
        assertThat(Placement.compute(S, groups)).isEqualTo(Placement.compute(S, new ArrayList<>(groups)));
        // Pinned: the algorithm must never change silently, or every deployed cluster's computed
        // placement would move. These are the owners of slots 0..31.
        Placement p = Placement.compute(S, groups);
        String owners = IntStream.range(0, 32).mapToObj(s -> p.groupNameOf(s).substring(0, 1))
                .collect(Collectors.joining());
        assertThat(owners).isEqualTo(PINNED_OWNERS);
    }

    /** First letters of the owners of slots 0..31 of compute(128, [alpha, beta, gamma]). */
    private static final String PINNED_OWNERS = "bagbbaggagbggbgagabgabggabgbbabg";

    @Test
    void weightIsTheDocumentedFunction() {
        // the owner is the group of highest unsigned weight
        List<String> groups = names("w", 7);
        Placement p = Placement.compute(64, groups);
        for (int s = 0; s < 64; s++) {
            final int slot = s;
            String best = groups.stream()
                    .max((a, b) -> Long.compareUnsigned(Placement.weight(a, slot), Placement.weight(b, slot)))
                    .orElseThrow();
            assertThat(p.groupNameOf(s)).isEqualTo(best);
        }
    }

    @Test
    void explicitPlacementFromCatalog() {
        int[] map = {1, 0, 1, 1};
        Placement p = new Placement(4, List.of("a", "b"), map, 7);
        map[0] = 0; // the placement keeps its own copy
        assertThat(p.groupOf(0)).isEqualTo(1);
        assertThat(p.groupNameOf(0)).isEqualTo("b");
        assertThat(p.slotsOf(0)).containsExactly(1);
        assertThat(p.slotsOf(1)).containsExactly(0, 2, 3);
        p.slotsOf(1)[0] = 99; // and hands out copies
        assertThat(p.slotsOf(1)).containsExactly(0, 2, 3);
        assertThat(p.epoch()).isEqualTo(7);
        Placement q = p.withEpoch(8);
        assertThat(q.epoch()).isEqualTo(8);
        assertThat(p.epoch()).isEqualTo(7);
        assertThat(q).isNotEqualTo(p);
        assertThat(q.withEpoch(7)).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(p.withEpoch(7)).isSameAs(p);
        assertThat(p.toString()).contains("epoch=7").contains("a=1").contains("b=3");
        assertThatThrownBy(() -> p.slotsOf(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.groupOf(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsInconsistentInput() {
        assertThatThrownBy(() -> new Placement(3, List.of("a"), new int[] {0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 slots");
        assertThatThrownBy(() -> new Placement(2, List.of("a"), new int[] {0, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot 1");
        assertThatThrownBy(() -> new Placement(2, List.of("a", "a"), new int[] {0, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new Placement(2, List.of("a"), new int[] {0, 0}, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Placement.compute(0, List.of("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Placement.compute(8, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Placement.compute(8, List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Placement.compute(8, Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
    }
}
