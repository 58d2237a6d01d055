package org.harmonic.knime.nodes.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.api.FidelityMetrics;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The Fidelity Metrics node's options, one SettingsModel each, shared by model and dialog. The
 * config keys are public API (flow variables, batch {@code -option}; docs/knime.md).
 */
final class FidelityMetricsSettings extends NodeOptions {
    /** One boolean per built-in metric: {@code metric_dm}, {@code metric_wd}, ... */
    static final String CFG_METRIC_PREFIX = "metric_";

    static final List<String> TASKS = EvaluateOptions.TASKS;
    /** The built-in metrics, in report order, with their dialog labels. */
    static final Map<String, String> METRICS = labels();

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dm", "DM: data mismatch (column types)");
        m.put("wd", "WD: Wasserstein distance (Sinkhorn)");
        m.put("cs", "CS: correlation similarity and column shapes");
        m.put("mle", "MLE: machine-learning efficiency (needs the test table)");
        m.put("dcr", "DCR: distance to closest record");
        m.put("nrs", "NRS: new row synthesis");
        return m;
    }

    final SettingsModelString m_target = createTarget();
    final SettingsModelString m_task = createTask();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelIntegerBounded m_mleRepeats = createMleRepeats();
    final Map<String, SettingsModelBoolean> m_metrics = new LinkedHashMap<>();

    FidelityMetricsSettings() {
        for (String id : METRICS.keySet()) {
            m_metrics.put(id, createMetric(id));
        }
    }

    static SettingsModelString createTarget() {
        return SpecModels.string(EvaluateOptions.TARGET);
    }

    static SettingsModelString createTask() {
        return SpecModels.string(EvaluateOptions.TASK);
    }

    static SettingsModelInteger createSeed() {
        return SpecModels.unboundedInteger(EvaluateOptions.SEED);
    }

    static SettingsModelIntegerBounded createMleRepeats() {
        return SpecModels.integer(EvaluateOptions.MLE_REPEATS);
    }

    static SettingsModelBoolean createMetric(final String id) {
        return new SettingsModelBoolean(CFG_METRIC_PREFIX + id, true);
    }

    @Override
    protected List<SettingsModel> all() {
        List<SettingsModel> all = new ArrayList<>(List.of(m_target, m_task, m_seed, m_mleRepeats));
        all.addAll(m_metrics.values());
        return all;
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        return Map.of(EvaluateOptions.MLE_REPEATS.knime(), m_mleRepeats);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkedOptions(true);
    }

    @Override
    protected NodeOptions fresh() {
        return new FidelityMetricsSettings();
    }

    /** The selected metric ids in report order; MLE only with a test table. */
    List<String> selected(final boolean haveTest) {
        List<String> ids = new ArrayList<>();
        m_metrics.forEach((id, on) -> {
            if (on.getBooleanValue() && (haveTest || !"mle".equals(id))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** True when MLE is selected but cannot run for want of a test table. */
    boolean mleSkipped(final boolean haveTest) {
        return !haveTest && m_metrics.get("mle").getBooleanValue();
    }

    /** Fails unless the target is a column of every connected table and the tables have the same columns. */
    void checkInput(final DataTableSpec real, final DataTableSpec synthetic, final DataTableSpec test)
            throws InvalidSettingsException {
        String target = m_target.getStringValue();
        if (target == null || target.isEmpty()) {
            throw new InvalidSettingsException("No target column selected: open the dialog and choose the label "
                + "column of the real table.");
        }
        if (real != null && !real.containsName(target)) {
            throw new InvalidSettingsException("Target column '" + target + "' is not in the real table; available "
                + "columns: " + String.join(", ", real.getColumnNames()));
        }
        sameColumns(real, synthetic, "synthetic");
        sameColumns(real, test, "test");
    }

    private static void sameColumns(final DataTableSpec real, final DataTableSpec other, final String which)
            throws InvalidSettingsException {
        if (real == null || other == null) {
            return;
        }
        List<String> missing = new ArrayList<>(List.of(real.getColumnNames()));
        missing.removeAll(List.of(other.getColumnNames()));
        List<String> extra = new ArrayList<>(List.of(other.getColumnNames()));
        extra.removeAll(List.of(real.getColumnNames()));
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new InvalidSettingsException("The " + which + " table's columns differ from the real table's: "
                + (missing.isEmpty() ? "" : "missing " + missing) + (missing.isEmpty() || extra.isEmpty() ? "" : "; ")
                + (extra.isEmpty() ? "" : "extra " + extra) + ". Filter the tables to the same columns.");
        }
    }

    /** The options, checked; bad values fail with the option named. */
    EvaluateOptions checkedOptions(final boolean haveTest) throws InvalidSettingsException {
        List<String> ids = selected(haveTest);
        if (m_metrics.values().stream().noneMatch(SettingsModelBoolean::getBooleanValue)) {
            throw new InvalidSettingsException("No metric selected; tick at least one of "
                + String.join(", ", METRICS.keySet()) + " (options metric_dm, metric_wd, ...).");
        }
        if (ids.isEmpty()) {
            throw new InvalidSettingsException("Only MLE is selected, and MLE needs the real test table: connect it to "
                + "the third input or select another metric.");
        }
        EvaluateOptions options = new EvaluateOptions(Front.KNIME, m_task.getStringValue(), (long)m_seed.getIntValue(),
            ids, null, null, null, m_mleRepeats.getIntValue(), null, null, null, null, null, null, null, null, null,
            null, null, null);
        try {
            FidelityMetrics.check(options);
            return options;
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
