package org.knime.core.node;

import java.io.File;
import java.io.IOException;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * A node's logic. The framework (in the stand-in: the test jar's {@code NodeModelHarness}, which
 * lives in this package like KNIME's {@code Node}) calls the protected methods.
 */
public abstract class NodeModel implements AbstractNodeView.ViewableModel {
    private final PortType[] m_inTypes;
    private final PortType[] m_outTypes;
    private final NodeLogger m_logger;
    private String m_warning;
    private final java.util.Map<String, String> m_flowVariables = new java.util.LinkedHashMap<>();

    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        this(tablePorts(nrInDataPorts), tablePorts(nrOutDataPorts));
    }

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inTypes = inPortTypes.clone();
        m_outTypes = outPortTypes.clone();
        m_logger = NodeLogger.getLogger(getClass());
    }

    private static PortType[] tablePorts(final int n) {
        PortType[] types = new PortType[n];
        java.util.Arrays.fill(types, BufferedDataTable.TYPE);
        return types;
    }

    protected abstract void loadInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

    protected abstract void saveSettingsTo(NodeSettingsWO settings);

    protected abstract void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void reset();

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec[] specs = new DataTableSpec[inSpecs.length];
        for (int i = 0; i < inSpecs.length; i++) {
            try {
                specs[i] = (DataTableSpec)inSpecs[i];
            } catch (ClassCastException e) {
                throw new InvalidSettingsException("Node does not support non-table input specs", e);
            }
        }
        return configure(specs);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("NodeModel.configure() implementation missing!");
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable[] tables = new BufferedDataTable[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            tables[i] = (BufferedDataTable)inObjects[i];
        }
        return execute(tables, exec);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
        throw new IOException("NodeModel.execute() implementation missing!");
    }

    protected void onDispose() {
        reset();
    }

    protected final int getNrInPorts() {
        return m_inTypes.length;
    }

    protected final int getNrOutPorts() {
        return m_outTypes.length;
    }

    protected final PortType getInPortType(final int index) {
        return m_inTypes[index];
    }

    protected final PortType getOutPortType(final int index) {
        return m_outTypes[index];
    }

    protected final void setWarningMessage(final String warningMessage) {
        m_warning = warningMessage;
        if (warningMessage != null) {
            m_logger.warn(warningMessage);
        }
    }

    protected final String getWarningMessage() {
        return m_warning;
    }

    protected final NodeLogger getLogger() {
        return m_logger;
    }

    /**
     * The variable {@code name} of the flow reaching this node (what upstream nodes pushed).
     *
     * @throws java.util.NoSuchElementException if there is none of that name and type, as KNIME's does
     */
    public final String peekFlowVariableString(final String name) {
        String value = m_flowVariables.get(name);
        if (value == null) {
            throw new java.util.NoSuchElementException("No such variable \"" + name + "\" of type String");
        }
        return value;
    }

    /** Pushes a variable onto the flow that leaves this node (downstream nodes see it). */
    protected final void pushFlowVariableString(final String name, final String value) {
        m_flowVariables.put(name, value);
    }

    /** The stand-in's flow: the variables reaching and pushed by this node (the harness connects nodes). */
    final java.util.Map<String, String> flowVariables() {
        return m_flowVariables;
    }
}
