package org.harmonic.core.knn;

import java.util.Locale;

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
    /**
     * Keep a group iff the target's label is at least as common among its k neighbours as among all
     * rows of the table (a lift of at least 1): a neighbourhood typical of the row's class, judged
     * against that class's own share. The majority rule judges every class against one half, so on
     * an imbalanced table it drops most minority groups (German credit: 82 of 206 bad-credit groups,
     * bank marketing at 11 % "yes": 122 of 169), and the answers the model learns from under-represent
     * the minority and only show it where it is locally dense. For two balanced classes this is the
     * majority rule. Measured in docs/quality.md section 18.
     */
    LIFT,
    /** Keep every group. */
    NONE,
    /**
     * Lift on the reference's neighbourhoods, unless numbers decide the label and a row's nearest rows miss
     * them (a cross-validated regression of the numeric columns ranks the rare label far better than the
     * neighbours' vote, {@link LabelFilterCheck}): then every group is kept and neighbours are found by the
     * features alone.
     * The builder records which of the two it chose in its resolved config; measured in docs/quality.md
     * section 23.
     */
    AUTO;

    /** The name options, flow variables and reports use ({@code lift}). */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter {@link #text} names, in any case; an {@link IllegalArgumentException} for any other text. */
    public static FilterMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
