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
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        TableProfile schema = TableProfile.of(german, "status");
        int label = german.schema().indexOf("status");
        SynthesisConfig defaults = SynthesisConfig.of(700, 416);
        double[] t = Synthesizer.columnTemperatures(schema, label, label, defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults);
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, t[label]);
        for (String few : new String[] {"Housing", "Purpose", "Number of existing credits at this bank",
            "Number of people being liable to provide maintenance for"}) {
            assertEquals(SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE, t[german.schema().indexOf(few)], few);
        }
        for (String many : new String[] {"Duration in month", "Credit amount", "Age in years"}) {
            assertTrue(Double.isNaN(t[german.schema().indexOf(many)]), many);
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
        double[] privately = Synthesizer.columnTemperatures(schema, label, label, defaults.labelTemperatureFor(true),
                defaults.temperatureFor(true), defaults);
        assertEquals(SynthesisConfig.PRIVATE_LABEL_TEMPERATURE, privately[label]);
        assertEquals(SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE, privately[german.schema().indexOf("Housing")]);
        assertTrue(Double.isNaN(privately[german.schema().indexOf("Credit amount")]));
    }

    @Test
    void numbersWithFractionsHaveTheDecimalTemperatureAndWholeNumbersTheConfiguredOne() throws Exception {
        // Diabetes: BMI (33.6) and the pedigree (0.627) have fractions; six features are whole-number floats (103.0)
        Table diabetes = new CsvTableReader().read(TestData.resource("data/diabetes_train.csv"));
        TableProfile schema = TableProfile.of(diabetes, "Outcome");
        int label = diabetes.schema().indexOf("Outcome");
        SynthesisConfig defaults = SynthesisConfig.of(491, 416);
        double[] t = Synthesizer.columnTemperatures(schema, label, label, defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults);
        for (String fractions : new String[] {"BMI", "DiabetesPedigreeFunction"}) {
            assertEquals(SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE, t[diabetes.schema().indexOf(fractions)], fractions);
        }
        for (String whole : new String[] {"Pregnancies", "Glucose", "BloodPressure", "SkinThickness", "Insulin",
            "Age"}) {
            assertTrue(Double.isNaN(t[diabetes.schema().indexOf(whole)]), whole);
        }
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, t[label]);
        // a target with fractions (regression) keeps the configured temperature
        int bmi = diabetes.schema().indexOf("BMI");
        assertTrue(Double.isNaN(Synthesizer.columnTemperatures(schema, bmi, -1, defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults)[bmi]));
        // a DP generator samples every number at its own 0.7 (and guided): no temperature of their own
        double[] privately = Synthesizer.columnTemperatures(schema, label, label, defaults.labelTemperatureFor(true),
                defaults.temperatureFor(true), defaults);
        assertEquals(SynthesisConfig.PRIVATE_TEMPERATURE, SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE);
        assertTrue(Double.isNaN(privately[bmi]));
        // given: used; 1 on a plain generator: sampled exactly as the other numbers
        assertEquals(0.5, Synthesizer.columnTemperatures(schema, label, label, 0.5, 1.0,
                defaults.withDecimalTemperature(0.5))[bmi]);
        assertTrue(Double.isNaN(Synthesizer.columnTemperatures(schema, label, label, 0.5, 1.0,
                defaults.withDecimalTemperature(1.0))[bmi]));
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
}
