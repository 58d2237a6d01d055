package org.harmonic.knime.nodes.synthesize;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.api.Synthesis;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnSpec;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.HarmonicNodeModel;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.harmonic.knime.nodes.table.KnimeProgress;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Synthesizer: opens the generator from the generator port and calls the core's
 * {@link Synthesis} (method.md A.2-A.4) with the real training table, which the core needs
 * twice: its rows are the neighbourhoods the generation prompts show, and no synthetic row may
 * copy one of them (privacy guard). The generator directory deliberately stores no real rows, so
 * the table is a required input. The output has the real table's columns and types, in the
 * generator's column order, with exactly the requested number of rows.
 */
public final class SynthesizerNodeModel extends HarmonicNodeModel {
    private final SynthesizerSettings m_settings = new SynthesizerSettings();

    SynthesizerNodeModel() {
        super(new PortType[] {GeneratorPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        SynthesizeOptions options = m_settings.checkedOptions();
        m_settings.device();
        GeneratorPortObjectSpec generator = (GeneratorPortObjectSpec)inSpecs[0];
        DataTableSpec real = (DataTableSpec)inSpecs[1];
        if (generator == null || real == null) {
            return new PortObjectSpec[] {null};
        }
        return new PortObjectSpec[] {outputSpec(generator, real, options, m_settings.seed())};
    }

    /**
     * The synthetic table's spec: the generator's columns (the real table's, before the generator
     * is trained) with the real table's types where the generator keeps them. Checks that the real
     * table has every generator column and that conditions and balancing name known columns.
     */
    static DataTableSpec outputSpec(final GeneratorPortObjectSpec generator, final DataTableSpec real,
            final SynthesizeOptions options, final long seed) throws InvalidSettingsException {
        List<ColumnSpec> schema = schema(generator, real);
        List<String> names = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        DataColumnSpec[] columns = new DataColumnSpec[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            ColumnSpec s = schema.get(c);
            names.add(s.name());
            DataColumnSpec realColumn = real.getColumnSpec(s.name());
            if (realColumn == null) {
                missing.add(s.name());
                continue;
            }
            columns[c] = new DataColumnSpecCreator(s.name(), outputType(s.type(), realColumn.getType())).createSpec();
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("The real table lacks the generator's column(s) " + missing
                + "; connect the table the generator was trained on (its columns: " + String.join(", ", names) + ").");
        }
        try {
            Synthesis.check(options, seed, names);
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        return new DataTableSpec("Synthetic table", columns);
    }

    /** The generator's schema, or the real table's columns while the generator is not trained yet. */
    private static List<ColumnSpec> schema(final GeneratorPortObjectSpec generator, final DataTableSpec real) {
        List<ColumnSpec> schema = generator.getSchema();
        return schema.isEmpty() ? KnimeTables.schema(real).columns() : schema;
    }

    /**
     * The real column's KNIME type when it holds what the generator emits for the column (so the
     * synthetic table looks like the real one), else the natural type of the generator's column
     * type; a real text column always stays text.
     */
    static DataType outputType(final ColumnType generated, final DataType real) {
        if (KnimeTables.columnType(real) == generated) {
            if (generated == ColumnType.INTEGER) {
                return IntCell.TYPE.equals(real) ? IntCell.TYPE : LongCell.TYPE;
            }
            return switch (generated) {
                case BOOLEAN -> BooleanCell.TYPE;
                case NUMERIC -> DoubleCell.TYPE;
                default -> StringCell.TYPE;
            };
        }
        if (KnimeTables.columnType(real) == ColumnType.CATEGORICAL) {
            return StringCell.TYPE;
        }
        return switch (generated) {
            case BOOLEAN -> BooleanCell.TYPE;
            case INTEGER -> LongCell.TYPE;
            case NUMERIC -> DoubleCell.TYPE;
            case CATEGORICAL -> StringCell.TYPE;
        };
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        GeneratorPortObject generator = (GeneratorPortObject)inObjects[0];
        BufferedDataTable realTable = (BufferedDataTable)inObjects[1];
        SynthesizeOptions options = m_settings.checkedOptions();
        String device = m_settings.device();
        DataTableSpec spec = outputSpec(generator.getSpec(), realTable.getDataTableSpec(), options, m_settings.seed());

        Table converted = KnimeTables.toTable(realTable, exec.createSubProgress(0.03)).table();
        // only the generator's columns, in its order (other columns of the real table are ignored)
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < spec.getNumColumns(); c++) {
            columns.add(converted.column(converted.schema().indexOf(spec.getColumnSpec(c).getName())));
        }
        Table real = new Table(columns);

        // rows 0 (the default): as many as the real training table has, as `harmonic synthesize` makes
        Synthesis.Result result = KnimeProgress.run(exec.createSubProgress(0.92),
            progress -> Synthesis.synthesize(generator.getDirectory(), device, real, options, m_settings.seed(),
                progress));
        getLogger().info(String.format("%d synthetic rows from %d candidates of %d prompts in %.1f s; rejected: %s%s",
            result.accepted(), result.candidates(), result.prompts(), result.seconds(), result.rejected(),
            result.predictors().isEmpty() ? ""
                : "; label predictors sampled at the predictor temperature: " + String.join(", ", result.predictors())));
        return new PortObject[] {KnimeTables.toKnime(result.table(), spec, exec.createSubExecutionContext(0.05))};
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
