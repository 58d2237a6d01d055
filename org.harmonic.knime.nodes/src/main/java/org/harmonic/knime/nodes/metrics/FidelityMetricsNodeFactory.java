package org.harmonic.knime.nodes.metrics;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Fidelity Metrics: real + synthetic (+ test) tables → metrics and per-column tables (description in the .xml next to this class). */
public final class FidelityMetricsNodeFactory extends NodeFactory<FidelityMetricsNodeModel> {

    @Override
    public FidelityMetricsNodeModel createNodeModel() {
        return new FidelityMetricsNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<FidelityMetricsNodeModel> createNodeView(final int viewIndex,
            final FidelityMetricsNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new FidelityMetricsNodeDialog();
    }
}
