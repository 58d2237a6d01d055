package org.harmonic.knime.nodes.lle;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** LLM Effectiveness (LLE): real training + synthetic + real test tables → scores table (description in the .xml next to this class). */
public final class LlmEffectivenessNodeFactory extends NodeFactory<LlmEffectivenessNodeModel> {

    @Override
    public LlmEffectivenessNodeModel createNodeModel() {
        return new LlmEffectivenessNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LlmEffectivenessNodeModel> createNodeView(final int viewIndex,
            final LlmEffectivenessNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LlmEffectivenessNodeDialog();
    }
}
