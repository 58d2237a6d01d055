package org.harmonic.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.InstructionReader;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.PythonJson;
import org.harmonic.core.util.RocAuc;

/**
 * A generator scored as a classifier of rows it never saw (docs/quality.md sections 21 and 32), for
 * benchmarks: for every instruction from the 0-based position {@code FIRST} of the file on (its answer a
 * held-out row, its prompt the row's nearest rows found without the label), p(label = v) is the model's
 * likelihood of the answer with v written as its label, normalised over the label's values. The label
 * is the answer's last column unless the instructions permute columns; the columns before it have the
 * same likelihood under every v, so only the label (and any column after it) decides. Prints the log-loss, the rank AUC of the
 * positive value and the mean p(positive) as key=value. Not a metric of the method. Usage:
 * {@code java -cp harmonic-cli.jar org.harmonic.cli.bench.HeldOutLabelScore GENERATOR INSTRUCTIONS.jsonl TARGET FIRST POSITIVE}
 */
public final class HeldOutLabelScore {

    private HeldOutLabelScore() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: HeldOutLabelScore GENERATOR INSTRUCTIONS.jsonl TARGET FIRST POSITIVE");
            System.exit(2);
        }
        Path generatorDir = Path.of(args[0]);
        List<InstructionExample> all = InstructionReader.read(Path.of(args[1]));
        String key = PythonJson.quote(args[2]) + ": ";
        int first = args[3].matches("\\d{1,9}") ? Integer.parseInt(args[3]) : -1;
        if (first < 0 || first >= all.size()) {
            fail("FIRST must be an instruction position from 0 to " + (all.size() - 1) + ", got " + args[3]);
        }
        String positive = args[4];
        Pattern label = Pattern.compile(Pattern.quote(key) + "(\"(?:[^\"\\\\]|\\\\.)*\")");

        List<InstructionExample> scored = all.subList(first, all.size());
        List<String> gold = new ArrayList<>();
        // where each answer's label value lies, found once: the scoring loop writes every value there
        List<int[]> labelAt = new ArrayList<>();
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < scored.size(); i++) {
            Matcher m = label.matcher(scored.get(i).answer());
            if (!m.find()) {
                fail("no " + key + "in the answer of instruction " + (first + i + 1) + "; name the table's target");
            }
            gold.add(m.group(1));
            labelAt.add(new int[] {m.start(1), m.end(1)});
            values.add(m.group(1));
        }
        List<String> labels = new ArrayList<>(values);
        String quotedPositive = PythonJson.quote(positive);
        if (!labels.contains(quotedPositive)) {
            fail("label value " + positive + " is not among the answers' labels " + labels);
        }
        if (labels.size() < 2) {
            fail("every scored answer has the label " + positive + "; score rows of both classes");
        }
        try (Generator generator = Generator.open(generatorDir, "cpu")) {
            var tokenizer = generator.tokenizer();
            int end = generator.endToken();
            List<Perplexity.Span> spans = new ArrayList<>();
            for (int i = 0; i < scored.size(); i++) {
                InstructionExample e = scored.get(i);
                int[] prompt = tokenizer.encode(ChatFormat.wrapPrompt(e.prompt()));
                int[] at = labelAt.get(i);
                for (String v : labels) {
                    String answer = e.answer().substring(0, at[0]) + v + e.answer().substring(at[1]);
                    int[] ids = tokenizer.encode(answer);
                    int[] span = Arrays.copyOf(ids, ids.length + 1);
                    span[ids.length] = end;
                    spans.add(new Perplexity.Span(prompt, span));
                }
            }
            List<Perplexity.Score> scores = new Perplexity(generator.model(), 16).score(spans, Progress.none());
            int pos = labels.indexOf(quotedPositive);
            double logLoss = 0;
            double[] pPositive = new double[scored.size()];
            boolean[] isPositive = new boolean[scored.size()];
            for (int i = 0; i < scored.size(); i++) {
                double[] logp = new double[labels.size()];
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < labels.size(); v++) {
                    logp[v] = -scores.get(i * labels.size() + v).totalNats();
                    max = Math.max(max, logp[v]);
                }
                double sum = 0;
                for (double l : logp) {
                    sum += Math.exp(l - max);
                }
                int g = labels.indexOf(gold.get(i));
                logLoss -= logp[g] - max - Math.log(sum);
                pPositive[i] = Math.exp(logp[pos] - max) / sum;
                isPositive[i] = g == pos;
            }
            System.out.printf(Locale.ROOT, "rows=%d%nlog_loss=%.4f%nauc=%.4f%nmean_p_positive=%.4f%n", scored.size(),
                    logLoss / scored.size(), RocAuc.of(pPositive, isPositive),
                    Arrays.stream(pPositive).average().orElse(0));
        }
    }

    private static void fail(String message) {
        System.err.println("HeldOutLabelScore: " + message);
        System.exit(2);
    }
}
