package org.harmonic.knime.nodes.synthesize;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Synthesizer: generator port + real table → synthetic table (description in the .xml next to this class). */
public final class SynthesizerNodeFactory extends NodeFactory<SynthesizerNodeModel> {

    @Override
    public SynthesizerNodeModel createNodeModel() {
        return new SynthesizerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SynthesizerNodeModel> createNodeView(final int viewIndex,
            final SynthesizerNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SynthesizerNodeDialog();
    }
}
