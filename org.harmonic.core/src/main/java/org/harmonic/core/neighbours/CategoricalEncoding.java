package org.harmonic.core.neighbours;

/** How categorical columns enter the neighbour distance. */
public enum CategoricalEncoding {
    /** Integer label codes in sorted category order, unscaled: the reference (method.md B 3.1). */
    LABEL,
    /** Label codes min-max scaled to [0, 1], like numeric columns. */
    SCALED,
    /** One indicator per category, scaled by 1/sqrt(2) so two different categories are 1 apart. */
    ONE_HOT
}
