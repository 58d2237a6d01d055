package org.harmonic.knime.nodes.instructions;

import org.knime.core.data.DataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The KNN Instruction Builder's dialog: one component per settings model, no logic. */
final class KnnInstructionBuilderNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    KnnInstructionBuilderNodeDialog() {
        createNewGroup("Instructions");
        addDialogComponent(new DialogComponentColumnNameSelection(KnnInstructionBuilderSettings.createTarget(),
            "Target (label) column", 0, DataValue.class));
        addDialogComponent(new DialogComponentString(KnnInstructionBuilderSettings.createDescription(),
            "Table description (prompt header)"));
        addDialogComponent(new DialogComponentStringSelection(KnnInstructionBuilderSettings.createTask(), "Task",
            KnnInstructionBuilderSettings.TASKS));
        addDialogComponent(new DialogComponentStringSelection(KnnInstructionBuilderSettings.createPreset(),
            "Preset", KnnInstructionBuilderSettings.PRESETS));
        addDialogComponent(new DialogComponentNumber(KnnInstructionBuilderSettings.createK(),
            "Neighbours per instruction (k)", 1));
        addDialogComponent(new DialogComponentNumber(KnnInstructionBuilderSettings.createPrompts(),
            "Generation prompts (0 = none)", 100));
        closeCurrentGroup();

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentStringSelection(KnnInstructionBuilderSettings.createFilter(),
            "Label filter", KnnInstructionBuilderSettings.FILTERS));
        addDialogComponent(new DialogComponentStringSelection(KnnInstructionBuilderSettings.createEncoding(),
            "Categorical encoding in the distance", KnnInstructionBuilderSettings.ENCODINGS));
        addDialogComponent(new DialogComponentBoolean(KnnInstructionBuilderSettings.createPermute(),
            "Permute the feature order per instruction"));
        addDialogComponent(new DialogComponentNumber(KnnInstructionBuilderSettings.createSeed(), "Random seed", 1));
    }
}
