package org.harmonic.knime.nodes.metrics;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** Fidelity Metrics: real + synthetic (+ test) tables → metrics and per-column tables (description in the .xml next to this class). */
public final class FidelityMetricsNodeFactory extends HarmonicNodeFactory<FidelityMetricsNodeModel> {

    public FidelityMetricsNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(FidelityMetricsNodeModel::new, () -> new FidelityMetricsNodeDialog());
    }
}
