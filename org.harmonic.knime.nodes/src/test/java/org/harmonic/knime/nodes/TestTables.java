package org.harmonic.knime.nodes;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.NodeModelHarness;

/** Test tables: the bundled German credit split, as a core table and as a KNIME table. */
public final class TestTables {

    private TestTables() {
    }

    public static Path resource(final String name) {
        try {
            return Path.of(TestTables.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    /** German credit training split (700 rows, target "status") read by the core's CSV reader. */
    public static Table germanCore() {
        return new CsvTableReader().read(resource("data/german_train.csv"));
    }

    /** The same table as KNIME sees it after a CSV Reader: int and string columns. */
    public static BufferedDataTable germanKnime() throws CanceledExecutionException {
        return KnimeTables.toKnime(germanCore(), NodeModelHarness.newContext());
    }

    /** A progress monitor that records every reported fraction and message. */
    public static class RecordingMonitor extends DefaultNodeProgressMonitor {
        public final List<Double> fractions = new ArrayList<>();
        public final List<String> messages = new ArrayList<>();

        @Override
        public void setProgress(final double progress) {
            super.setProgress(progress);
            fractions.add(progress);
        }

        @Override
        public void setMessage(final String message) {
            super.setMessage(message);
            messages.add(message);
        }

        @Override
        public void setProgress(final double progress, final String message) {
            setProgress(progress);
            setMessage(message);
        }
    }
}
