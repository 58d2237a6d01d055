package org.harmonic.knime.nodes.synthesize;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The Synthesizer's dialog: one component per settings model, no logic. */
final class SynthesizerNodeDialog extends DefaultNodeSettingsPane {

    SynthesizerNodeDialog() {
        createNewGroup("Rows");
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createRows(),
            "Synthetic rows (0: as many as the real table)", 100));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createSeed(), "Random seed", 1));
        addDialogComponent(new DialogComponentString(SynthesizerSettings.createConditions(),
            "Conditions (column=value; ...)"));
        addDialogComponent(new DialogComponentString(SynthesizerSettings.createBalance(),
            "Balance column (empty: none)"));
        addDialogComponent(new DialogComponentBoolean(SynthesizerSettings.createUnique(),
            "No duplicate synthetic rows"));
        addDialogComponent(new DialogComponentStringSelection(SynthesizerSettings.createLabelShares(),
            "Label class shares", SynthesizerSettings.LABEL_SHARES));
        closeCurrentGroup();

        createNewGroup("Sampling");
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createTemperature(),
            "Temperature (0: greedy, -1: automatic)", 0.1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createTopK(), "Top-k (0: no limit)", 1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createTopP(), "Top-p", 0.05));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createLabelTemperature(),
            "Label temperature (-1: automatic)", 0.1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createCategoryTemperature(),
            "Temperature of columns with few values", 0.1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createDecimalTemperature(),
            "Temperature of numbers with fractions", 0.1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createPredictorTemperature(),
            "Temperature of numbers that predict the label", 0.1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createGuidance(),
            "Guidance towards each row's own prompt (0: off, -1: automatic)", 0.1));
        closeCurrentGroup();

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createBatchSize(),
            "Sequences decoded together", 1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createRowsPerPrompt(),
            "Rows per prompt (0: automatic)", 1));
        addDialogComponent(new DialogComponentStringSelection(SynthesizerSettings.createDevice(), "Device",
            SynthesizerSettings.DEVICES));
        createNewGroup("Chunk of a parallel job (index from 0, of count parts; 0 of 1 = the whole job)");
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createChunkIndex(), "Chunk index", 1));
        addDialogComponent(new DialogComponentNumber(SynthesizerSettings.createChunkCount(), "Chunk count", 1));
        closeCurrentGroup();
    }
}
