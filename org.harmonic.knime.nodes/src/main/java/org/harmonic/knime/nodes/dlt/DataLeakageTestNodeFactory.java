package org.harmonic.knime.nodes.dlt;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** Data Leakage Test (DLT): generator port + real training + synthetic tables → scores table (description in the .xml next to this class). */
public final class DataLeakageTestNodeFactory extends HarmonicNodeFactory<DataLeakageTestNodeModel> {

    public DataLeakageTestNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(DataLeakageTestNodeModel::new, () -> new DataLeakageTestNodeDialog());
    }
}
