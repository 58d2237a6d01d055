package org.harmonic.knime.nodes.lle;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The LLE node's dialog: one component per settings model, no logic. */
final class LlmEffectivenessNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    LlmEffectivenessNodeDialog() {
        createNewGroup("Tables");
        // class columns only: LLE fine-tunes a classifier (real-number targets are rejected in configure)
        addDialogComponent(new DialogComponentColumnNameSelection(LlmEffectivenessSettings.createTarget(),
            "Target (label) column", 0, StringValue.class, IntValue.class, LongValue.class, BooleanValue.class));
        addDialogComponent(new DialogComponentString(LlmEffectivenessSettings.createLabelWords(),
            "Label words (e.g. 0=good,1=bad; empty: the values)"));
        addDialogComponent(new DialogComponentNumber(LlmEffectivenessSettings.createMaxTrainRows(),
            "Training rows per classifier at most (0: all)", 100));
        addDialogComponent(new DialogComponentNumber(LlmEffectivenessSettings.createMaxTestRows(),
            "Test rows scored at most (0: all)", 100));
        closeCurrentGroup();

        createNewGroup("Classifier");
        addDialogComponent(new DialogComponentStringSelection(LlmEffectivenessSettings.createModelSize(),
            "Model size", LlmEffectivenessSettings.SIZES));
        addDialogComponent(new DialogComponentStringSelection(LlmEffectivenessSettings.createDecision(),
            "Decision rule", LlmEffectivenessSettings.DECISIONS));
        addDialogComponent(new DialogComponentNumber(LlmEffectivenessSettings.createEpochs(), "Epochs", 1));
        addDialogComponent(new DialogComponentNumber(LlmEffectivenessSettings.createSeed(), "Random seed", 1));
        addDialogComponent(new DialogComponentStringSelection(LlmEffectivenessSettings.createDevice(), "Device",
            LlmEffectivenessSettings.DEVICES));
        closeCurrentGroup();
    }
}
