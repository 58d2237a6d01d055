package org.harmonic.core.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

class InstructionsOptionsTest {

    private static InstructionsOptions given(Front front, String task, String preset, Integer k, String filter,
            String encoding, Integer prompts) {
        return new InstructionsOptions(front, "status", null, task, preset, k, filter, encoding, null, null, null,
                prompts);
    }

    @Test
    void nothingGivenIsTheDefaultPresetWithOnePromptPerRowAndTheFallbackDescription() {
        assertEquals(InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withDescription("german train"),
                given(Front.CLI, null, null, null, null, null, null).config("german train"));
    }

    @Test
    void theReferencePresetIsTheReferencesConfigUnlessAnOptionOverridesIt() {
        InstructionConfig reference = given(Front.CLI, null, "Reference", null, null, null, null).config("d");
        assertEquals(InstructionConfig.of(InstructionConfig.Preset.REFERENCE, "status").withDescription("d"), reference);
        assertEquals(FilterMode.REFERENCE, reference.filter());
        assertEquals(FilterMode.NONE, given(Front.CLI, null, "reference", null, "none", null, null).config("d").filter());
    }

    @Test
    void valuesAreReadInAnyCaseAndWithAnySeparator() {
        InstructionConfig c = given(Front.CLI, "BINARY_CLASSIFICATION", null, 3, "Majority", "ONE_HOT", 7).config("d");
        assertEquals(TaskType.BINARY_CLASSIFICATION, c.task());
        assertEquals(3, c.k());
        assertEquals(CategoricalEncoding.ONE_HOT, c.encoding());
        assertEquals(7, c.promptCount());
        assertEquals(CategoricalEncoding.ONE_HOT, given(Front.KNIME, "auto", null, null, null, "one-hot", 0)
                .config(null).encoding());
    }

    @Test
    void badValuesNameTheOptionInTheFrontEndsWords() {
        HarmonicInputException cli = assertThrows(HarmonicInputException.class,
                () -> given(Front.CLI, null, null, 10, null, null, null).config("d"));
        assertEquals("--k must be between 1 and 9, got 10", cli.getMessage());
        HarmonicInputException node = assertThrows(HarmonicInputException.class,
                () -> given(Front.KNIME, null, null, null, "strict", null, 0).config("d"));
        assertEquals("unknown 'filter' 'strict'; use one of preset, reference, majority, lift, none, auto",
                node.getMessage());
        HarmonicInputException prompts = assertThrows(HarmonicInputException.class,
                () -> given(Front.CLI, null, null, null, null, null, 0).config("d"));
        assertEquals("--prompts must be between 1 and " + InstructionsOptions.MAX_PROMPTS + ", got 0", prompts.getMessage());
        // the node's 0 means "no generation prompts"
        assertEquals(0, given(Front.KNIME, null, null, null, null, null, 0).config("d").promptCount());
        HarmonicInputException target = assertThrows(HarmonicInputException.class,
                () -> new InstructionsOptions(Front.KNIME, " ", null, null, null, null, null, null, null, null, null, 0)
                        .config("d"));
        assertTrue(target.getMessage().contains("'target'"), target.getMessage());
    }

    @Test
    void theAutomaticFilterChoosesTheBasisSoABasisGivenAloneMeansLift() {
        assertEquals(FilterMode.AUTO, given(Front.CLI, null, null, null, null, null, null).config("d").filter(),
                "the default preset's filter");
        InstructionConfig basisGiven = new InstructionsOptions(Front.CLI, "status", null, null, null, null, null, null,
                "features", null, null, null).config("d");
        assertEquals(FilterMode.LIFT, basisGiven.filter(), "the filter the default preset used before auto");
        assertEquals(NeighbourBasis.FEATURES, basisGiven.neighboursBy());
        assertEquals(FilterMode.NONE, new InstructionsOptions(Front.CLI, "status", null, null, null, null, "none", null,
                "features", null, null, null).config("d").filter());
        HarmonicInputException both = assertThrows(HarmonicInputException.class, () -> new InstructionsOptions(
                Front.CLI, "status", null, null, null, null, "auto", null, "features", null, null, null).config("d"));
        assertEquals("--filter auto chooses how neighbours are found too, so it cannot be combined with "
                + "--neighbours-by; give --filter lift or none with it, or leave --neighbours-by out", both.getMessage());
    }

    @Test
    void theNeighbourBasisIsThePresetsUnlessGiven() {
        InstructionsOptions features = new InstructionsOptions(Front.CLI, "status", null, null, null, null, null, null,
                "Features", null, null, null);
        assertEquals(NeighbourBasis.FEATURES, features.config("d").neighboursBy());
        InstructionsOptions both = new InstructionsOptions(Front.KNIME, "status", null, null, "reference", null, null,
                null, "features-and-label", null, null, 0);
        assertEquals(NeighbourBasis.FEATURES_AND_LABEL, both.config("d").neighboursBy());
        assertEquals(NeighbourBasis.FEATURES_BY_RANK, new InstructionsOptions(Front.KNIME, "status", null, null, null,
                null, "none", null, "features-by-rank", null, null, 0).config("d").neighboursBy());
        assertEquals(NeighbourBasis.FEATURES_AND_LABEL,
                given(Front.CLI, null, "reference", null, null, null, null).config("d").neighboursBy());
        HarmonicInputException bad = assertThrows(HarmonicInputException.class, () -> new InstructionsOptions(
                Front.CLI, "status", null, null, null, null, null, null, "label", null, null, null).config("d"));
        assertEquals("unknown --neighbours-by 'label'; use one of preset, features-and-label, features, "
                + "features-by-rank",
                bad.getMessage());
    }
}
