package org.harmonic.knime.nodes.finetune;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** LLM Fine-Tuner: instruction table → generator port (description in the .xml next to this class). */
public final class LlmFineTunerNodeFactory extends NodeFactory<LlmFineTunerNodeModel> {

    @Override
    public LlmFineTunerNodeModel createNodeModel() {
        return new LlmFineTunerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LlmFineTunerNodeModel> createNodeView(final int viewIndex,
            final LlmFineTunerNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LlmFineTunerNodeDialog();
    }
}
