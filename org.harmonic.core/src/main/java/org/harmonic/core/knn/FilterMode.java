package org.harmonic.core.knn;

/**
 * The label-consistency filter that drops instruction groups whose neighbours mostly disagree
 * with the target's label (classification only).
 */
public enum FilterMode {
    /**
     * The reference rule (method.md B 3.3, r = 2, n = 5 hard-coded): label 1 kept iff the
     * neighbours' label sum exceeds r, label 0 kept iff it is below n - r, any other label
     * dropped (the reference's multi-class bug).
     */
    REFERENCE,
    /**
     * Keep a group iff a strict majority of the k neighbours share the target's label. Equals
     * the reference for 0/1 labels with k = 5 and also works for multi-class targets.
     */
    MAJORITY,
    /** Keep every group. */
    NONE
}
