package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.harmonic.core.TestData;
import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.lm.sampling.TokenSampler;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.ColumnType;
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
        // no German number predicts the label strongly (the duration, its strongest, ranks it at AUC 0.64)
        assertTrue(german.predictors().isEmpty(), german.predictors().toString());
        // a regression target (no class label) keeps the configured temperature even with few values
        double[] regression = Synthesizer.columnTemperatures(schema, label, -1, defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults, german.unmeasured());
        assertTrue(Double.isNaN(regression[label]));
        // a temperature equal to the configured one is no temperature of its own: sampled exactly as before
        SynthesisConfig plain = defaults.withCategoryTemperature(SamplingConfig.DEFAULT_TEMPERATURE)
                .withLabelTemperature(SamplingConfig.DEFAULT_TEMPERATURE);
        for (double v : Synthesizer.columnTemperatures(schema, label, label, plain.labelTemperatureFor(false),
                plain.temperatureFor(false), plain, german.separations(false))) {
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
        // BMI ranks the label at |AUC - 0.5| 0.199 and keeps the decimal temperature; the pedigree's 0.0999 (Python's
        // mid-rank AUC on the same file: 0.5999178) is under 0.1, so it is sampled as the whole numbers are
        assertEquals(SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE, t[diabetes.column("BMI")]);
        int pedigree = diabetes.column("DiabetesPedigreeFunction");
        assertEquals(0.0999178, diabetes.separations(false)[pedigree], 1e-6);
        assertTrue(Double.isNaN(t[pedigree]));
        // without a class label (or for a DP generator) nothing is measured: every column with fractions keeps it
        double[] unmeasured = Synthesizer.columnTemperatures(diabetes.schema(), diabetes.label(), diabetes.label(),
                defaults.labelTemperatureFor(false), defaults.temperatureFor(false), defaults, diabetes.unmeasured());
        for (String fractions : new String[] {"BMI", "DiabetesPedigreeFunction"}) {
            assertEquals(SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE, unmeasured[diabetes.column(fractions)], fractions);
        }
        for (String whole : new String[] {"Pregnancies", "BloodPressure", "SkinThickness", "Insulin", "Age"}) {
            assertTrue(Double.isNaN(t[diabetes.column(whole)]), whole);
        }
        assertEquals(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, t[diabetes.label()]);
        // a target with fractions (regression) keeps the configured temperature
        int bmi = diabetes.column("BMI");
        assertTrue(Double.isNaN(Synthesizer.columnTemperatures(diabetes.schema(), bmi, -1,
                defaults.labelTemperatureFor(false),
                defaults.temperatureFor(false), defaults, diabetes.unmeasured())[bmi]));
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
    void theLabelsStrongPredictorsHaveThePredictorTemperature() throws Exception {
        // Diabetes: Glucose alone ranks the diabetic rows at AUC 0.779; the next, BMI and Age, at 0.70 and 0.69
        // (the values a mid-rank AUC in Python gives on the same file)
        Trained diabetes = Trained.of("data/diabetes_train.csv", "Outcome");
        int glucose = diabetes.column("Glucose");
        String[] labels = diabetes.labels();
        java.util.Set<String> classes = new java.util.TreeSet<>(java.util.Arrays.asList(labels));
        assertEquals(0.278847, LabelPredictors.separation(diabetes.table().column(glucose), labels, classes), 1e-6);
        assertEquals(0.190278, LabelPredictors.separation(diabetes.table().column("Age", "test"), labels, classes),
                1e-6);
        assertEquals(0.199105, LabelPredictors.separation(diabetes.table().column("BMI", "test"), labels, classes),
                1e-6);
        assertEquals(List.of(glucose), diabetes.predictors().stream().boxed().toList());
        SynthesisConfig defaults = SynthesisConfig.of(491, 416);
        assertEquals(SynthesisConfig.DEFAULT_PREDICTOR_TEMPERATURE, diabetes.temperatures(defaults, false)[glucose]);
        // given: used; 1: sampled as the other numbers; the decimal temperature does not reach it
        assertEquals(0.5, diabetes.temperatures(defaults.withPredictorTemperature(0.5), false)[glucose]);
        assertTrue(Double.isNaN(diabetes.temperatures(defaults.withPredictorTemperature(1.0), false)[glucose]));
        assertTrue(Double.isNaN(diabetes.temperatures(defaults.withDecimalTemperature(0.5)
                .withPredictorTemperature(1.0), false)[glucose]));
        // a strong predictor with fractions takes the predictor temperature, not the decimal one
        double[] bmiStrong = diabetes.unmeasured();
        bmiStrong[diabetes.column("BMI")] = 0.3;
        assertEquals(0.9, Synthesizer.columnTemperatures(diabetes.schema(), diabetes.label(), diabetes.label(),
                defaults.labelTemperatureFor(false), defaults.temperatureFor(false),
                defaults.withPredictorTemperature(0.9), bmiStrong)[diabetes.column("BMI")]);
        // a DP generator: every number at its own temperature, and no predictor is chosen (Synthesizer)
        assertTrue(Double.isNaN(diabetes.temperatures(defaults, true)[glucose]));
        assertThrows(HarmonicInputException.class, () -> defaults.withPredictorTemperature(-0.1));
    }

    @Test
    void aPredictorOfOneClassAmongSeveralCountsAndMissingValuesAreLeftOut() throws Exception {
        // three classes: "x" separates class c from a and b (c's values all above the others'), "noise" none, "few"
        // has few values (the category temperature's), a missing "x" is left out of the ranking
        StringBuilder csv = new StringBuilder("x,noise,few,cls\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int r = 0; r < 90; r++) {
            String cls = r % 3 == 0 ? "a" : r % 3 == 1 ? "b" : "c";
            String x = r == 4 ? "" : Double.toString((cls.equals("c") ? 100 : 0) + random.nextInt(50) + 0.5);
            csv.append(x).append(',').append(random.nextInt(1000) + 0.25).append(',')
                    .append(cls.equals("c") ? 3 : random.nextInt(3)).append(',').append(cls).append('\n');
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("predictors", ".csv");
        try {
            java.nio.file.Files.writeString(file, csv);
            Table table = new CsvTableReader().read(file);
            TableProfile schema = TableProfile.of(table, "cls");
            int cls = table.schema().indexOf("cls");
            String[] labels = new String[table.rowCount()];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = table.format(r, cls);
            }
            assertEquals(0.5, LabelPredictors.separation(table.column(0), labels, List.of("a", "b", "c")),
                    1e-12);
            BitSet strong = LabelPredictors.strong(LabelPredictors.separations(table, schema, cls));
            assertEquals(List.of(table.schema().indexOf("x")), strong.stream().boxed().toList());
            assertTrue(LabelPredictors.strong(LabelPredictors.separations(table, schema, -1)).isEmpty(),
                    "no class label, no predictor");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void onlyTheStrongestOfSeveralStrongPredictorsIsSharpened() {
        // breast cancer's case (docs/quality.md section 45): sharpening every column that predicts the label strongly
        // cost utility and column shapes; the strongest alone is sharpened, the first of equals
        double[] separations = {0.30, Double.NaN, 0.47, 0.45, 0.10, 0.47};
        assertEquals(List.of(2), LabelPredictors.strong(separations).stream().boxed().toList());
        assertEquals(List.of(0),
                LabelPredictors.strong(new double[] {0.25, 0.2499, Double.NaN}).stream().boxed().toList());
        assertTrue(LabelPredictors.strong(new double[] {0.2499, Double.NaN, 0.1}).isEmpty());
        SynthesisConfig config = SynthesisConfig.of(100, 1);
        TableProfile schema = numberColumns(6);
        double[] temperatures = Synthesizer.columnTemperatures(schema, -1, -1, 0.5, 1.0, config, separations);
        for (int c = 0; c < 6; c++) {
            assertEquals(c == 2 ? config.predictorTemperature() : Double.NaN, temperatures[c], 0, "column " + c);
        }
    }

    /** A schema of {@code n} whole-number columns with many values (none with few values, none with fractions). */
    private static TableProfile numberColumns(int n) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            columns.add(new ColumnProfile("x" + c, ColumnType.INTEGER, List.of(), false, 0, 100, 0, false));
        }
        return new TableProfile(columns, null);
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

        /** The label's strong predictors, as the Synthesizer chooses them for a plain generator. */
        BitSet predictors() {
            return LabelPredictors.strong(separations(false));
        }

        /** Every row's label text. */
        String[] labels() {
            return Synthesizer.canonicalLabels(table, label, schema.columns().get(label));
        }

        /** Each column's separation of the label as the Synthesizer measures it (nothing for a DP generator). */
        double[] separations(boolean privately) {
            return LabelPredictors.separations(table, schema, privately ? -1 : label);
        }

        /** No column's separation measured (all NaN). */
        double[] unmeasured() {
            return separations(true);
        }

        /**
         * Each column's temperature for a plain generator or one trained with DP under {@code config}, with the
         * separations the Synthesizer would measure (none for a DP generator).
         */
        double[] temperatures(SynthesisConfig config, boolean privately) {
            return Synthesizer.columnTemperatures(schema, label, label, config.labelTemperatureFor(privately),
                    config.temperatureFor(privately), config, separations(privately));
        }
    }
}
