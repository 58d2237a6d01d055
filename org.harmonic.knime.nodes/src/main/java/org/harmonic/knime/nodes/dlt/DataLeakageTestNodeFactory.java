package org.harmonic.knime.nodes.dlt;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** Data Leakage Test (DLT): generator port + real training + synthetic tables → scores table (description in the .xml next to this class). */
public final class DataLeakageTestNodeFactory extends HarmonicNodeFactory<DataLeakageTestNodeModel> {

    public DataLeakageTestNodeFactory() {
        super(DataLeakageTestNodeModel::new, DataLeakageTestNodeDialog::new);
    }
}
