package org.vosuite.common.healpix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelRangesTest {
    @Test
    void normalisesUnsortedOverlappingAndTouchingRanges() {
        PixelRanges r = PixelRanges.of(2, 30, 40, 5, 10, 8, 12, 12, 14, 20, 20, 41, 43);
        assertEquals(PixelRanges.of(2, 5, 14, 30, 40, 41, 43), r);
        assertEquals(3, r.size());
        assertEquals(9 + 10 + 2, r.pixelCount());
        assertEquals(5, r.start(0));
        assertEquals(14, r.end(0));
        List<long[]> seen = new ArrayList<>();
        r.forEach(seen::add);
        assertArrayEquals(new long[] {30, 40}, seen.get(1));
        assertEquals(3, seen.size());
        assertEquals("PixelRanges(order=2, [5, 14) [30, 40) [41, 43))", r.toString());
    }

    @Test
    void containsIsHalfOpen() {
        PixelRanges r = PixelRanges.of(1, 3, 5, 9, 10);
        assertFalse(r.contains(2));
        assertTrue(r.contains(3));
        assertTrue(r.contains(4));
        assertFalse(r.contains(5));
        assertTrue(r.contains(9));
        assertFalse(r.contains(10));
        assertFalse(PixelRanges.empty(1).contains(0));
        assertTrue(PixelRanges.empty(1).isEmpty());
        assertEquals(48, PixelRanges.all(1).pixelCount());
    }

    @Test
    void changesOrder() {
        PixelRanges r = PixelRanges.of(1, 3, 5, 9, 10);
        PixelRanges finer = r.atOrder(3);
        assertEquals(PixelRanges.of(3, 48, 80, 144, 160), finer);
        assertEquals(r.pixelCount() * 16, finer.pixelCount());
        assertEquals(r, finer.atOrder(1));
        // Coarser rounds outward and merges what then touches.
        assertEquals(PixelRanges.of(1, 0, 2), PixelRanges.of(2, 1, 2, 6, 7).atOrder(1));
        assertEquals(PixelRanges.of(0, 0, 1), PixelRanges.of(2, 1, 2, 6, 7).atOrder(0));
        assertSame(r, r.atOrder(1));
        assertEquals(PixelRanges.all(29), PixelRanges.all(0).atOrder(29));
        assertThrows(IllegalArgumentException.class, () -> r.atOrder(30));
    }

    @Test
    void unionMergesAtTheFinerOrder() {
        PixelRanges a = PixelRanges.of(1, 0, 1, 10, 12);
        PixelRanges b = PixelRanges.of(2, 4, 6, 30, 40, 47, 48);
        assertEquals(PixelRanges.of(2, 0, 6, 30, 48), a.union(b));
        assertEquals(a.union(b), b.union(a));
        assertEquals(a, a.union(PixelRanges.empty(0)).atOrder(1));
    }

    @Test
    void coarsenFillsTheSmallestGapsFirst() {
        // Gaps: 2, 5, 1, 5.
        PixelRanges r = PixelRanges.of(3, 0, 1, 3, 4, 9, 10, 11, 12, 17, 18);
        assertSame(r, r.coarsen(5));
        assertEquals(PixelRanges.of(3, 0, 1, 3, 4, 9, 12, 17, 18), r.coarsen(4));
        assertEquals(PixelRanges.of(3, 0, 4, 9, 12, 17, 18), r.coarsen(3));
        assertEquals(PixelRanges.of(3, 0, 12, 17, 18), r.coarsen(2)); // equal gaps: the leftmost goes first
        assertEquals(PixelRanges.of(3, 0, 18), r.coarsen(1));
        for (int max = 1; max <= 5; max++) {
            PixelRanges c = r.coarsen(max);
            assertTrue(c.size() <= max);
            assertEquals(c, c.union(r), "a superset");
        }
        assertThrows(IllegalArgumentException.class, () -> r.coarsen(0));
    }

    @Test
    void builderChecksRanges() {
        PixelRanges.Builder b = PixelRanges.builder(0);
        assertThrows(IllegalArgumentException.class, () -> b.add(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> b.add(5, 13));
        assertThrows(IllegalArgumentException.class, () -> b.add(5, 4));
        assertEquals(PixelRanges.of(0, 1, 3, 7, 8), b.addPixel(7).addPixel(2).addPixel(1).add(4, 4).build());
        assertThrows(IllegalArgumentException.class, () -> PixelRanges.of(0, 1, 2, 3));
    }
}
