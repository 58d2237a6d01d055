package org.harmonic.core.metrics;

/** Which distance-to-closest-record definition is the primary DCR value (method.md A.5, B 6.4). */
public enum DcrVariant {
    /**
     * Mean over synthetic rows of the Euclidean distance to the closest real training row, one
     * encoder and scaler fit on the real table (this project's definition).
     */
    MEAN,
    /**
     * The reference implementation's script: each table label-encoded and standardised with its
     * own statistics, within-table duplicates dropped, 5th percentiles of real-to-synthetic,
     * real-to-real and synthetic-to-synthetic nearest distances and of the nearest/second-nearest
     * ratios (NNDR); the value is the mean of the three 5th-percentile distances it prints.
     */
    REFERENCE
}
