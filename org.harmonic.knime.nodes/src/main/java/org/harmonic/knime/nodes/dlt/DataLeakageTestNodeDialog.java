package org.harmonic.knime.nodes.dlt;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The DLT node's dialog: one component per settings model, no logic. */
final class DataLeakageTestNodeDialog extends DefaultNodeSettingsPane {

    DataLeakageTestNodeDialog() {
        createNewGroup("Perplexity");
        addDialogComponent(new DialogComponentStringSelection(DataLeakageTestSettings.createPerplexity(),
            "Perplexity (exp: exp of the mean token NLL; reference: 2^mean nats)", DataLeakageTestSettings.PERPLEXITIES));
        addDialogComponent(new DialogComponentNumber(DataLeakageTestSettings.createMaxRows(),
            "Rows scored per table at most (0: all)", 100));
        addDialogComponent(new DialogComponentNumber(DataLeakageTestSettings.createSeed(), "Random seed", 1));
        closeCurrentGroup();

        createNewGroup("Engine");
        addDialogComponent(new DialogComponentNumber(DataLeakageTestSettings.createBatchSize(),
            "Sequences per forward pass", 1));
        addDialogComponent(new DialogComponentStringSelection(DataLeakageTestSettings.createDevice(), "Device",
            DataLeakageTestSettings.DEVICES));
        closeCurrentGroup();
    }
}
