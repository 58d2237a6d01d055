package org.harmonic.knime.nodes.dlt;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Data Leakage Test (DLT): generator port + real training + synthetic tables → scores table (description in the .xml next to this class). */
public final class DataLeakageTestNodeFactory extends NodeFactory<DataLeakageTestNodeModel> {

    @Override
    public DataLeakageTestNodeModel createNodeModel() {
        return new DataLeakageTestNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<DataLeakageTestNodeModel> createNodeView(final int viewIndex,
            final DataLeakageTestNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new DataLeakageTestNodeDialog();
    }
}
