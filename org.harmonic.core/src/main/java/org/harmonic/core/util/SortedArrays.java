package org.harmonic.core.util;

/** Searches in sorted arrays. */
public final class SortedArrays {

    private SortedArrays() {
    }

    /**
     * The index of the first value of {@code sorted} (ascending) that is at least {@code v}, or its length if
     * none is: where {@code v} would be inserted before its equals, unlike {@link java.util.Arrays#binarySearch},
     * which finds any one of several equal values.
     */
    public static int firstAtLeast(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
