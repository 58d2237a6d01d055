package org.knime.core.node;

import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Plays KNIME's framework for node model tests: creates models and dialogs from factories,
 * configures, executes (checking the outputs against the configured specs, as KNIME does), and
 * moves settings through validate then load. Stand-in test jar only; lives in KNIME's package to
 * reach the protected methods, as KNIME's {@code Node} does.
 */
public final class NodeModelHarness {

    private NodeModelHarness() {
    }

    /** The factory's model, after checking that the description lists as many ports as the model has. */
    public static <T extends NodeModel> T create(final NodeFactory<T> factory) {
        T model = factory.createNodeModel();
        if (factory.describedInPorts() != model.getNrInPorts()
            || factory.describedOutPorts() != model.getNrOutPorts()) {
            throw new AssertionError(factory.getClass().getSimpleName() + ".xml describes "
                + factory.describedInPorts() + " in / " + factory.describedOutPorts() + " out ports, the model has "
                + model.getNrInPorts() + " / " + model.getNrOutPorts());
        }
        return model;
    }

    public static NodeDialogPane dialog(final NodeFactory<?> factory) {
        return factory.hasDialog() ? factory.createNodeDialogPane() : null;
    }

    public static int viewCount(final NodeFactory<?> factory) {
        return factory.getNrNodeViews();
    }

    public static ExecutionContext newContext() {
        return new ExecutionContext(new DefaultNodeProgressMonitor());
    }

    public static ExecutionContext newContext(final NodeProgressMonitor monitor) {
        return new ExecutionContext(monitor);
    }

    /** Tables created through the context (and its sub-contexts). */
    public static List<BufferedDataTable> createdTables(final ExecutionContext exec) {
        return exec.createdTables();
    }

    public static BufferedDataTable table(final ExecutionContext exec, final DataTableSpec spec,
            final Iterable<? extends DataRow> rows) {
        BufferedDataContainer c = exec.createDataContainer(spec);
        for (DataRow r : rows) {
            c.addRowToTable(r);
        }
        c.close();
        return c.getTable();
    }

    public static PortObjectSpec[] configure(final NodeModel model, final PortObjectSpec... inSpecs)
            throws InvalidSettingsException {
        PortObjectSpec[] out = model.configure(inSpecs);
        if (out == null || out.length != model.getNrOutPorts()) {
            throw new AssertionError("configure returned " + (out == null ? "null" : out.length + " specs")
                + " for " + model.getNrOutPorts() + " out ports");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && !model.getOutPortType(i).acceptsPortObjectSpec(out[i])) {
                throw new AssertionError("spec " + i + " does not fit out port type " + model.getOutPortType(i));
            }
        }
        return out;
    }

    /**
     * Configures with the inputs' specs, executes, and checks that every output is present, fits
     * its port type and (for tables) has the structure configure announced.
     */
    public static PortObject[] execute(final NodeModel model, final ExecutionContext exec, final PortObject... in)
            throws Exception {
        PortObjectSpec[] inSpecs = new PortObjectSpec[in.length];
        for (int i = 0; i < in.length; i++) {
            inSpecs[i] = in[i] == null ? null : in[i].getSpec();
        }
        PortObjectSpec[] configured = configure(model, inSpecs);
        PortObject[] out = model.execute(in, exec);
        if (out == null || out.length != model.getNrOutPorts()) {
            throw new AssertionError("execute returned " + (out == null ? "null" : out.length + " objects"));
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || !model.getOutPortType(i).acceptsPortObject(out[i])) {
                throw new AssertionError("output " + i + " is missing or does not fit " + model.getOutPortType(i));
            }
            if (configured[i] instanceof DataTableSpec
                && !((DataTableSpec)configured[i]).equalStructure((DataTableSpec)out[i].getSpec())) {
                throw new AssertionError("output " + i + " spec " + out[i].getSpec() + " differs from configured "
                    + configured[i]);
            }
        }
        return out;
    }

    public static NodeSettings saveSettings(final NodeModel model) {
        NodeSettings settings = new NodeSettings("model");
        model.saveSettingsTo(settings);
        return settings;
    }

    /** What KNIME does when settings arrive (dialog OK, flow variables, batch -option): validate, then load. */
    public static void loadSettings(final NodeModel model, final NodeSettingsRO settings)
            throws InvalidSettingsException {
        model.validateSettings(settings);
        model.loadValidatedSettingsFrom(settings);
    }

    /**
     * What a saved workflow does to a node's settings: writes them as settings.xml, reads them into
     * a new model of the same factory, and returns that model's settings (to compare with
     * {@code saveSettings(model)}).
     */
    public static <T extends NodeModel> NodeSettings roundTripThroughXml(final NodeFactory<T> factory,
            final T model) throws java.io.IOException, InvalidSettingsException {
        java.io.ByteArrayOutputStream xml = new java.io.ByteArrayOutputStream();
        saveSettings(model).saveToXML(xml);
        NodeSettingsRO reread = NodeSettings.loadFromXML(new java.io.ByteArrayInputStream(xml.toByteArray()));
        T other = create(factory);
        loadSettings(other, reread);
        return saveSettings(other);
    }

    public static void reset(final NodeModel model) {
        model.reset();
    }

    public static String warning(final NodeModel model) {
        return model.getWarningMessage();
    }

    /**
     * What a connection does to flow variables: {@code downstream} sees every variable that reached or was
     * pushed by {@code upstream} (call after executing {@code upstream}).
     */
    public static void connectFlow(final NodeModel upstream, final NodeModel downstream) {
        downstream.flowVariables().putAll(upstream.flowVariables());
    }

    /** What a variable node upstream of {@code model} does: sets a flow variable that reaches it. */
    public static void setFlowVariable(final NodeModel model, final String name, final String value) {
        model.flowVariables().put(name, value);
    }

    /** The variables that reached or were pushed by {@code model}. */
    public static java.util.Map<String, String> flowVariables(final NodeModel model) {
        return java.util.Map.copyOf(model.flowVariables());
    }
}
