package org.harmonic.knime.nodes.metrics;

import org.knime.core.data.DataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The Fidelity Metrics node's dialog: one component per settings model, no logic. */
final class FidelityMetricsNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    FidelityMetricsNodeDialog() {
        createNewGroup("Tables");
        addDialogComponent(new DialogComponentColumnNameSelection(FidelityMetricsSettings.createTarget(),
            "Target (label) column", 0, DataValue.class));
        addDialogComponent(new DialogComponentStringSelection(FidelityMetricsSettings.createTask(), "Task",
            FidelityMetricsSettings.TASKS));
        addDialogComponent(new DialogComponentNumber(FidelityMetricsSettings.createSeed(), "Random seed", 1));
        addDialogComponent(new DialogComponentNumber(FidelityMetricsSettings.createMleRepeats(),
            "MLE repeats (seeds seed, seed + 1, ...; scores averaged)", 1));
        closeCurrentGroup();

        createNewGroup("Metrics");
        FidelityMetricsSettings.METRICS.forEach((id, label) -> addDialogComponent(
            new DialogComponentBoolean(FidelityMetricsSettings.createMetric(id), label)));
        closeCurrentGroup();
    }
}
