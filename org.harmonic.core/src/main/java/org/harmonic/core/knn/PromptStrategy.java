package org.harmonic.core.knn;

/** How generation prompts (the example sets the generator continues) are drawn. */
public enum PromptStrategy {
    /**
     * The reference: prompt p shows 5 rows drawn at random from the training table with numpy's
     * legacy {@code RandomState(seed + p)} (method.md B 3.6).
     */
    REFERENCE_RANDOM_ROWS,
    /**
     * The project's default (method.md A.2): the k nearest rows of a point interpolated between an
     * anchor row and one of its neighbours, nearest first, so each prompt is as locally coherent as
     * a training group but never equals one ({@link InterpolatedPrompts}).
     */
    RESAMPLED_NEIGHBOURS
}
