package org.vosuite.common.healpix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An immutable set of nested pixels at one order, kept as sorted, disjoint, non-touching half-open ranges
 * [start, end). Touching ranges are always merged, so {@link #size()} is the number of range predicates a query
 * needs.
 */
public final class PixelRanges implements Iterable<long[]> {
    private final int order;
    /** start0, end0, start1, end1, ...: increasing, and every end strictly before the next start. */
    private final long[] bounds;

    private PixelRanges(int order, long[] bounds) {
        this.order = order;
        this.bounds = bounds;
    }

    public static PixelRanges empty(int order) {
        Healpix.checkOrder(order);
        return new PixelRanges(order, new long[0]);
    }

    /** Every pixel of the sphere. */
    public static PixelRanges all(int order) {
        return new PixelRanges(order, new long[] {0, Healpix.npix(order)});
    }

    /** Ranges given as start, end pairs, in any order; they may overlap or touch. */
    public static PixelRanges of(int order, long... startEndPairs) {
        if (startEndPairs.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come as start, end pairs");
        }
        Builder b = builder(order);
        for (int i = 0; i < startEndPairs.length; i += 2) {
            b.add(startEndPairs[i], startEndPairs[i + 1]);
        }
        return b.build();
    }

    public static Builder builder(int order) {
        return new Builder(order);
    }

    public int order() {
        return order;
    }

    /** The number of ranges. */
    public int size() {
        return bounds.length / 2;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public long start(int i) {
        return bounds[2 * i];
    }

    /** The end of range {@code i}, exclusive. */
    public long end(int i) {
        return bounds[2 * i + 1];
    }

    public long pixelCount() {
        long n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += bounds[i + 1] - bounds[i];
        }
        return n;
    }

    public boolean contains(long pix) {
        // Index of the first bound greater than pix: odd means pix lies inside a range.
        int i = Arrays.binarySearch(bounds, pix);
        int firstGreater = i >= 0 ? i + 1 : -i - 1;
        return (firstGreater & 1) == 1;
    }

    /**
     * The same sky at another order. Towards finer orders this is exact (each pixel becomes its 4^Δ
     * descendants); towards coarser ones it is the smallest superset (each range grows to whole coarse pixels).
     */
    public PixelRanges atOrder(int newOrder) {
        Healpix.checkOrder(newOrder);
        if (newOrder == order) {
            return this;
        }
        long[] out = new long[bounds.length];
        if (newOrder > order) {
            int shift = 2 * (newOrder - order);
            for (int i = 0; i < bounds.length; i++) {
                out[i] = bounds[i] << shift;
            }
            return new PixelRanges(newOrder, out); // still sorted and non-touching
        }
        int shift = 2 * (order - newOrder);
        for (int i = 0; i < bounds.length; i += 2) {
            out[i] = bounds[i] >>> shift;
            out[i + 1] = ((bounds[i + 1] - 1) >>> shift) + 1;
        }
        return new PixelRanges(newOrder, mergeSorted(out, out.length));
    }

    /** Pixels in either set, at the finer of the two orders. */
    public PixelRanges union(PixelRanges other) {
        int o = Math.max(order, other.order);
        long[] a = atOrder(o).bounds;
        long[] b = other.atOrder(o).bounds;
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                merged[k++] = a[i++];
                merged[k++] = a[i++];
            } else {
                merged[k++] = b[j++];
                merged[k++] = b[j++];
            }
        }
        return new PixelRanges(o, mergeSorted(merged, k));
    }

    /**
     * At most {@code maxRanges} ranges covering at least these pixels: the smallest gaps are filled first (the
     * leftmost among equal gaps). Useful to bound the size of a query; the extra pixels are false positives
     * that an exact recheck removes.
     */
    public PixelRanges coarsen(int maxRanges) {
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges must be at least 1, not " + maxRanges);
        }
        int n = size();
        if (n <= maxRanges) {
            return this;
        }
        long[] gaps = new long[n - 1];
        for (int i = 0; i < n - 1; i++) {
            gaps[i] = bounds[2 * i + 2] - bounds[2 * i + 1];
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        int toFill = n - maxRanges;
        long threshold = sorted[toFill - 1];
        int belowThreshold = 0;
        while (belowThreshold < toFill && sorted[belowThreshold] < threshold) {
            belowThreshold++;
        }
        int tiesToFill = toFill - belowThreshold;
        long[] out = new long[2 * maxRanges];
        int k = 0;
        out[k++] = bounds[0];
        for (int i = 0; i < n - 1; i++) {
            boolean fill = gaps[i] < threshold || (gaps[i] == threshold && tiesToFill-- > 0);
            if (!fill) {
                out[k++] = bounds[2 * i + 1];
                out[k++] = bounds[2 * i + 2];
            }
        }
        out[k++] = bounds[bounds.length - 1];
        return new PixelRanges(order, Arrays.copyOf(out, k));
    }

    /** Each range as a new {@code long[]{start, end}}. */
    @Override
    public Iterator<long[]> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < bounds.length;
            }

            @Override
            public long[] next() {
                if (i >= bounds.length) {
                    throw new NoSuchElementException();
                }
                long[] r = {bounds[i], bounds[i + 1]};
                i += 2;
                return r;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelRanges p && p.order == order && Arrays.equals(p.bounds, bounds);
    }

    @Override
    public int hashCode() {
        return 31 * order + Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PixelRanges(order=").append(order).append(", ");
        for (int i = 0; i < bounds.length; i += 2) {
            s.append(i == 0 ? "[" : " [").append(bounds[i]).append(", ").append(bounds[i + 1]).append(')');
        }
        return s.append(')').toString();
    }

    /** Merges overlapping or touching pairs of the first {@code length} values, sorted by start. */
    private static long[] mergeSorted(long[] pairs, int length) {
        int k = 0;
        for (int i = 0; i < length; i += 2) {
            if (k > 0 && pairs[i] <= pairs[k - 1]) {
                pairs[k - 1] = Math.max(pairs[k - 1], pairs[i + 1]);
            } else {
                pairs[k++] = pairs[i];
                pairs[k++] = pairs[i + 1];
            }
        }
        return Arrays.copyOf(pairs, k);
    }

    /** Collects ranges in any order; ranges added in increasing order (as a nested descent makes them) are cheap. */
    public static final class Builder {
        private final int order;
        private final long npix;
        private long[] pairs = new long[16];
        private int length;
        private boolean sorted = true;

        private Builder(int order) {
            this.npix = Healpix.npix(order);
            this.order = order;
        }

        public Builder add(long start, long end) {
            if (start < 0 || end > npix || start > end) {
                throw new IllegalArgumentException("no range [" + start + ", " + end + ") at order " + order);
            }
            if (start == end) {
                return this;
            }
            if (length > 0 && start < pairs[length - 2]) {
                sorted = false;
            }
            if (length > 0 && sorted && start <= pairs[length - 1]) {
                pairs[length - 1] = Math.max(pairs[length - 1], end);
                return this;
            }
            if (length == pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * length);
            }
            pairs[length++] = start;
            pairs[length++] = end;
            return this;
        }

        public Builder addPixel(long pix) {
            return add(pix, pix + 1);
        }

        public PixelRanges build() {
            long[] p = Arrays.copyOf(pairs, length);
            if (!sorted) {
                List<long[]> list = new ArrayList<>(length / 2);
                for (int i = 0; i < length; i += 2) {
                    list.add(new long[] {p[i], p[i + 1]});
                }
                list.sort(Comparator.comparingLong((long[] r) -> r[0]));
                for (int i = 0; i < list.size(); i++) {
                    p[2 * i] = list.get(i)[0];
                    p[2 * i + 1] = list.get(i)[1];
                }
            }
            return new PixelRanges(order, mergeSorted(p, p.length));
        }
    }
}
