package org.harmonic.knime.nodes.common;

import java.io.File;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * What every HARMONIC node model shares: its settings are one {@link NodeOptions}, and it keeps
 * no internal state (results travel in the output ports), so internals are not saved and reset
 * has nothing to drop unless a node overrides it.
 */
public abstract class HarmonicNodeModel extends NodeModel {

    protected HarmonicNodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        super(inPortTypes, outPortTypes);
    }

    protected HarmonicNodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        super(nrInDataPorts, nrOutDataPorts);
    }

    /** The node's options (a field of the subclass: only called after construction). */
    protected abstract NodeOptions options();

    @Override
    protected final void saveSettingsTo(final NodeSettingsWO settings) {
        options().saveTo(settings);
    }

    @Override
    protected final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        options().validate(settings);
    }

    @Override
    protected final void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        options().loadFrom(settings);
    }

    @Override
    protected void reset() {
        // no internal state
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // no internal state
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // no internal state
    }
}
