package org.harmonic.knime.nodes.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/**
 * Every option of the KNN Instruction Builder, as {@code harmonic instructions} (and the instruction
 * step of {@code fit} and {@code run}) and the node expose it, against the core's catalogue
 * ({@link InstructionsOptions#SPECS}).
 */
class InstructionsOptionsFrontEndsTest {

    /** Inputs and outputs of {@code harmonic instructions}. */
    private static final Set<String> COMMAND_OWN = Set.of("--input", "--out-train", "--out-prompts", "--help",
        "--version");

    @Test
    void theCommandLineDefaultsEveryInstructionOptionAsTheCore() {
        FrontEndOptions.assertCommandLineDefaults(InstructionsOptions.SPECS, "instructions");
        // fit and run expose some instruction options; those default as the builder's
        FrontEndOptions.assertCommandLineDefaults(List.of(InstructionsOptions.TARGET, InstructionsOptions.DESCRIPTION,
            InstructionsOptions.K, InstructionsOptions.FILTER, InstructionsOptions.NEIGHBOURS_BY,
            InstructionsOptions.PERMUTE, InstructionsOptions.SEED), "run");
        FrontEndOptions.assertCommandLineDefaults(List.of(InstructionsOptions.TARGET, InstructionsOptions.DESCRIPTION,
            InstructionsOptions.K, InstructionsOptions.FILTER, InstructionsOptions.NEIGHBOURS_BY,
            InstructionsOptions.PERMUTE, InstructionsOptions.SEED), "fit");
    }

    @Test
    void theNodeDefaultsAndBoundsEveryInstructionOptionAsTheCore() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(InstructionsOptions.SPECS, new KnnInstructionBuilderSettings().all());
    }

    @Test
    void noFrontEndHasAnInstructionOptionTheCoreDoesNotKnow() {
        assertEquals(Set.of(), FrontEndOptions.unknownCommandLineOptions(InstructionsOptions.SPECS, COMMAND_OWN,
            "instructions"));
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(InstructionsOptions.SPECS, Set.of(),
            new KnnInstructionBuilderSettings().all()));
    }

    @Test
    void theNodeBuildsTheCommandLinesInstructionsForTheSameChoices() throws Exception {
        KnnInstructionBuilderSettings node = new KnnInstructionBuilderSettings();
        node.m_target.setStringValue("status");
        node.m_description.setStringValue("german train");
        // the node asks for no generation prompts by default; the command line for none without a prompt file
        assertEquals(new InstructionsOptions(Front.CLI, "status", "german train", null, null, null, null, null, null,
            null, null, null).config("ignored").withPromptCount(0), node.checkedOptions().config(null));
    }
}
