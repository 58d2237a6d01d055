package org.harmonic.knime.nodes.finetune;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The LLM Fine-Tuner's dialog: one component per settings model, no logic. */
final class LlmFineTunerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    LlmFineTunerNodeDialog() {
        createNewGroup("Instructions");
        addDialogComponent(new DialogComponentColumnNameSelection(LlmFineTunerSettings.createPromptColumn(),
            "Prompt column", 0, StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(LlmFineTunerSettings.createAnswerColumn(),
            "Answer column", 0, StringValue.class));
        addDialogComponent(new DialogComponentString(LlmFineTunerSettings.createDescription(),
            "Table description (empty: from the prompts)"));
        closeCurrentGroup();

        createNewGroup("Model");
        addDialogComponent(new DialogComponentString(LlmFineTunerSettings.createBaseModel(),
            "Base model directory (empty: default model)"));
        addDialogComponent(new DialogComponentStringSelection(LlmFineTunerSettings.createModelSize(),
            "Default model size", LlmFineTunerSettings.SIZES));
        addDialogComponent(new DialogComponentStringSelection(LlmFineTunerSettings.createDevice(), "Device",
            LlmFineTunerSettings.DEVICES));
        closeCurrentGroup();

        createNewGroup("Training");
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createEpochs(),
            "Epochs (0: automatic)", 1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createLearningRate(),
            "Learning rate (0: automatic)", 1e-4));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createBatchSize(),
            "Batch size (0: automatic)", 1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createSeed(), "Random seed", 1));
        closeCurrentGroup();

        createNewTab("LoRA");
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createLoraRank(),
            "LoRA rank (0: full fine-tuning)", 1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createLoraAlpha(), "LoRA alpha", 1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createLoraDropout(), "LoRA dropout", 0.01));
        addDialogComponent(new DialogComponentString(LlmFineTunerSettings.createLoraTargets(),
            "Target modules (empty: architecture default)"));

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createMaxLength(),
            "Longest training sequence (tokens)", 256));
        addDialogComponent(new DialogComponentStringSelection(LlmFineTunerSettings.createLoss(),
            "Loss on (sequence: every row of the instruction; answer: the target row, as the reference)",
            LlmFineTunerSettings.LOSSES));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createMaxMinutes(),
            "Training time budget in minutes (0: none)", 1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createPatience(),
            "Held-out evaluations without improvement before training ends (-1: automatic; 0: every planned step)",
            1));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createEvalEvery(),
            "Optimizer steps between held-out evaluations (0: automatic)", 10));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createMaxSteps(),
            "Most optimizer steps (-1: automatic; 0: every planned step)", 100));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createCandidates(),
            "Trainings to choose from by held-out loss (1: one; each costs a whole training)", 1));

        createNewTab("Privacy");
        createNewGroup("Differential privacy (DP-SGD after DP-LLMTGen)");
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createDpEpsilon(),
            "Target epsilon (0: no differential privacy)", 0.5));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createDpDelta(),
            "Delta (0: 1 / rows the instructions show)", 1e-4));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createDpClip(),
            "Per-example clipping norm C", 0.01));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createDpStage1Epochs(),
            "Format-learning epochs on a random table (no privacy cost)", 1));
        addDialogComponent(new DialogComponentBoolean(LlmFineTunerSettings.createDpPoisson(),
            "Poisson sampling (what the accountant assumes; default: shuffled batches)"));
        addDialogComponent(new DialogComponentNumber(LlmFineTunerSettings.createDpValueWeight(),
            "Value-token weight alpha (0: unweighted loss)", 0.05));
        closeCurrentGroup();
    }
}
