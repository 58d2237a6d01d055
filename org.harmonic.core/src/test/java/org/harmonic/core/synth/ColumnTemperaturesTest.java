package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.TestData;
import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.lm.sampling.TokenSampler;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/** Which temperature each column's value is sampled at (German credit and Diabetes, the defaults and variations). */
class ColumnTemperaturesTest {

    @Test
    void theLabelHasItsTemperatureAndTheOtherColumnsWithFewValuesTheCategoryTemperature() throws Exception {
        Trained german = Trained.of("data/german_train.csv", "status");
        TableProfile schema = german.schema();
        int label = german.label();
        SynthesisConfig defaults = SynthesisConfig.of(700, 416);
        double[] t = german.temperatures(defaults, false);
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, t[label]);
        for (String few : new String[] {"Housing", "Purpose", "Number of existing credits at this bank",
            "Number of people being liable to provide maintenance for"}) {
            assertEquals(SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE, t[german.column(few)], few);
        }
        for (String many : new String[] {"Duration in month", "Credit amount", "Age in years"}) {
            assertTrue(Double.isNaN(t[german.column(many)]), many);
        }
        // a regression target (no class label) keeps the configured temperature even with few values
        double[] regression = Synthesizer.columnTemperatures(schema, label, -1, defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults);
        assertTrue(Double.isNaN(regression[label]));
        // a temperature equal to the configured one is no temperature of its own: sampled exactly as before
        SynthesisConfig plain = defaults.withCategoryTemperature(SamplingConfig.DEFAULT_TEMPERATURE)
                .withLabelTemperature(SamplingConfig.DEFAULT_TEMPERATURE);
        for (double v : Synthesizer.columnTemperatures(schema, label, label, plain.labelTemperatureFor(false),
                plain.temperatureFor(false), plain)) {
            assertTrue(Double.isNaN(v));
        }
        // a DP generator's numbers at its own temperature: the label and the columns with few values keep theirs
        double[] privately = german.temperatures(defaults, true);
        assertEquals(SynthesisConfig.PRIVATE_LABEL_TEMPERATURE, privately[label]);
        assertEquals(SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE, privately[german.column("Housing")]);
        assertTrue(Double.isNaN(privately[german.column("Credit amount")]));
    }

    @Test
    void numbersWithFractionsHaveTheDecimalTemperatureAndWholeNumbersTheConfiguredOne() throws Exception {
        // Diabetes: BMI (33.6) and the pedigree (0.627) have fractions; six features are whole-number floats (103.0)
        Trained diabetes = Trained.of("data/diabetes_train.csv", "Outcome");
        SynthesisConfig defaults = SynthesisConfig.of(491, 416);
        double[] t = diabetes.temperatures(defaults, false);
        for (String fractions : new String[] {"BMI", "DiabetesPedigreeFunction"}) {
            assertEquals(SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE, t[diabetes.column(fractions)], fractions);
        }
        for (String whole : new String[] {"Pregnancies", "Glucose", "BloodPressure", "SkinThickness", "Insulin",
            "Age"}) {
            assertTrue(Double.isNaN(t[diabetes.column(whole)]), whole);
        }
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, t[diabetes.label()]);
        // a target with fractions (regression) keeps the configured temperature
        int bmi = diabetes.column("BMI");
        assertTrue(Double.isNaN(Synthesizer.columnTemperatures(diabetes.schema(), bmi, -1,
                defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults)[bmi]));
        // a DP generator samples every number at its own 0.7 (and guided): no temperature of their own
        double[] privately = diabetes.temperatures(defaults, true);
        assertEquals(SynthesisConfig.PRIVATE_TEMPERATURE, SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE);
        assertTrue(Double.isNaN(privately[bmi]));
        // given: used; 1 on a plain generator: sampled exactly as the other numbers
        assertEquals(0.5, diabetes.temperatures(defaults.withDecimalTemperature(0.5), false)[bmi]);
        assertTrue(Double.isNaN(diabetes.temperatures(defaults.withDecimalTemperature(1.0), false)[bmi]));
        assertThrows(HarmonicInputException.class, () -> defaults.withDecimalTemperature(-0.1));
    }

    @Test
    void theAutomaticTemperatureIsLowerForAGeneratorTrainedWithDifferentialPrivacy() {
        SynthesisConfig automatic = SynthesisConfig.of(700, 416);
        assertTrue(Double.isNaN(automatic.sampling().temperature()));
        assertEquals(SamplingConfig.DEFAULT_TEMPERATURE, automatic.temperatureFor(false));
        assertEquals(SynthesisConfig.PRIVATE_TEMPERATURE, automatic.temperatureFor(true));
        assertTrue(SynthesisConfig.PRIVATE_TEMPERATURE < SamplingConfig.DEFAULT_TEMPERATURE);
        // a temperature given is used for every generator, 0 (greedy) included
        for (double given : new double[] {0.0, 1.0, 1.3}) {
            SynthesisConfig config = automatic.withSampling(new SamplingConfig(given, 0, 1.0, 64));
            assertEquals(given, config.temperatureFor(false));
            assertEquals(given, config.temperatureFor(true));
        }
        // the automatic temperature must be chosen before a token is drawn
        assertThrows(IllegalArgumentException.class, () -> new TokenSampler(automatic.sampling()));
    }

    @Test
    void theAutomaticLabelTemperatureIsSharperForAGeneratorTrainedWithDifferentialPrivacy() {
        SynthesisConfig automatic = SynthesisConfig.of(700, 416);
        assertTrue(Double.isNaN(automatic.labelTemperature()));
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, automatic.labelTemperatureFor(false));
        assertEquals(SynthesisConfig.PRIVATE_LABEL_TEMPERATURE, automatic.labelTemperatureFor(true));
        assertTrue(SynthesisConfig.PRIVATE_LABEL_TEMPERATURE < SynthesisConfig.DEFAULT_LABEL_TEMPERATURE);
        // a temperature given is used for every generator
        SynthesisConfig given = automatic.withLabelTemperature(0.8);
        assertEquals(0.8, given.labelTemperatureFor(false));
        assertEquals(0.8, given.labelTemperatureFor(true));
    }

    @Test
    void theAutomaticGuidanceIsOnForAGeneratorTrainedWithDifferentialPrivacyOnly() {
        SynthesisConfig automatic = SynthesisConfig.of(700, 416);
        assertTrue(Double.isNaN(automatic.guidance()));
        assertEquals(SynthesisConfig.DEFAULT_GUIDANCE, automatic.guidanceFor(false));
        assertEquals(SynthesisConfig.PRIVATE_GUIDANCE, automatic.guidanceFor(true));
        // a guidance given is used for every generator, 0 (off) included
        for (double given : new double[] {0.0, 1.0}) {
            assertEquals(given, automatic.withGuidance(given).guidanceFor(false));
            assertEquals(given, automatic.withGuidance(given).guidanceFor(true));
        }
        assertThrows(HarmonicInputException.class, () -> automatic.withGuidance(-0.5));
    }

    /** A training table, its profile and its classification label's index. */
    private record Trained(Table table, TableProfile schema, int label) {
        static Trained of(String resource, String target) throws Exception {
            Table table = new CsvTableReader().read(TestData.resource(resource));
            return new Trained(table, TableProfile.of(table, target), table.schema().indexOf(target));
        }

        int column(String name) {
            return table.schema().indexOf(name);
        }

        /** Each column's temperature for a plain generator or one trained with DP under {@code config}. */
        double[] temperatures(SynthesisConfig config, boolean privately) {
            return Synthesizer.columnTemperatures(schema, label, label, config.labelTemperatureFor(privately),
                    config.temperatureFor(privately), config);
        }
    }
}
