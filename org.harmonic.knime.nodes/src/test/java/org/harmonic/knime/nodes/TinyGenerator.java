package org.harmonic.knime.nodes;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.knime.nodes.finetune.LlmFineTunerNodeFactory;
import org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeFactory;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;

/**
 * The German pipeline's first two nodes with test-sized settings: KNN instructions of the German
 * table, and a tiny generator fine-tuned by the LLM Fine-Tuner node on a few of them (one epoch;
 * trained once per test JVM and shared).
 */
public final class TinyGenerator {
    /** Instructions the tiny generator is trained on. */
    public static final int EXAMPLES = 48;

    private static BufferedDataTable instructions;
    private static GeneratorPortObject generator;
    private static double fitSeconds;

    private TinyGenerator() {
    }

    /** The KNN Instruction Builder's output for German credit (default preset, 571 training rows). */
    public static synchronized BufferedDataTable instructions() throws Exception {
        if (instructions == null) {
            NodeModel knn = NodeModelHarness.create(new KnnInstructionBuilderNodeFactory());
            NodeSettings s = NodeModelHarness.saveSettings(knn);
            s.addString("target", "status");
            s.addString("description", "user credit scores");
            NodeModelHarness.loadSettings(knn, s);
            instructions = (BufferedDataTable)NodeModelHarness.execute(knn, NodeModelHarness.newContext(),
                TestTables.germanKnime())[0];
        }
        return instructions;
    }

    /** The first {@code n} instructions. */
    public static BufferedDataTable instructions(final int n) throws Exception {
        BufferedDataTable all = instructions();
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : all) {
            if (rows.size() == n) {
                break;
            }
            rows.add(r);
        }
        return NodeModelHarness.table(NodeModelHarness.newContext(), all.getDataTableSpec(), rows);
    }

    /** Fine-Tuner settings for a tiny model: one epoch, batch 8. */
    public static NodeSettings tinySettings(final NodeModel fineTuner) {
        NodeSettings s = NodeModelHarness.saveSettings(fineTuner);
        s.addString("model_size", "tiny");
        s.addInt("epochs", 1);
        s.addInt("batch_size", 8);
        s.addInt("seed", 7);
        return s;
    }

    /** The tiny generator, fitted by the Fine-Tuner node on the first {@link #EXAMPLES} instructions. */
    public static synchronized GeneratorPortObject generator() throws Exception {
        if (generator == null) {
            NodeModel fineTuner = NodeModelHarness.create(new LlmFineTunerNodeFactory());
            NodeModelHarness.loadSettings(fineTuner, tinySettings(fineTuner));
            BufferedDataTable in = instructions(EXAMPLES);
            long start = System.nanoTime();
            generator = (GeneratorPortObject)NodeModelHarness.execute(fineTuner, NodeModelHarness.newContext(), in)[0];
            fitSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("tiny generator fitted by the Fine-Tuner node in %.1f s%n", fitSeconds);
        }
        return generator;
    }
}
