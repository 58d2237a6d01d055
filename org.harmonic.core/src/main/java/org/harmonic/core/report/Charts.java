package org.harmonic.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's inline SVG charts. */
final class Charts {
    static final String REAL = "#2563eb";
    static final String SYNTHETIC = "#f97316";
    static final String RANDOM = "#9ca3af";
    private static final String AXIS = "#6b7280";

    private Charts() {
    }

    /** Overlaid histograms (share of rows per bin) of two samples on a common range. */
    static String histogram(String title, double[] a, double[] b, String colorA, String colorB, int bins,
            double lo, double hi) {
        int w = 300;
        int h = 170;
        double left = 40;
        double right = w - 10;
        double top = 24;
        double bottom = h - 24;
        double[] fa = shares(a, bins, lo, hi);
        double[] fb = shares(b, bins, lo, hi);
        double max = 0;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(fa[i], fb[i]));
        }
        max = max == 0 ? 1 : max * 1.1;
        Svg svg = new Svg(w, h, title);
        svg.text(w / 2.0, 15, title, "middle", 12, "font-weight=\"600\"");
        double bw = (right - left) / bins;
        for (int i = 0; i < bins; i++) {
            double x = left + i * bw;
            String range = Html.tick(lo + i * (hi - lo) / bins) + " to " + Html.tick(lo + (i + 1) * (hi - lo) / bins);
            svg.rect(x + 0.5, bottom - (bottom - top) * fa[i] / max, bw - 1, (bottom - top) * fa[i] / max, colorA,
                    "fill-opacity=\"0.55\"", range + ": real " + Html.percent(fa[i]));
            svg.rect(x + 0.5, bottom - (bottom - top) * fb[i] / max, bw - 1, (bottom - top) * fb[i] / max, colorB,
                    "fill-opacity=\"0.55\"", range + ": synthetic " + Html.percent(fb[i]));
        }
        axes(svg, left, right, top, bottom);
        svg.text(left, bottom + 14, Html.tick(lo), "start", 10, "fill=\"" + AXIS + "\"");
        svg.text(right, bottom + 14, Html.tick(hi), "end", 10, "fill=\"" + AXIS + "\"");
        svg.text(left - 4, top + 8, Html.percent(max).replace(".0 %", " %"), "end", 9, "fill=\"" + AXIS + "\"");
        svg.text(left - 4, bottom, "0", "end", 9, "fill=\"" + AXIS + "\"");
        return svg.toString();
    }

    /** Horizontal paired bars of category shares, the most frequent real categories first. */
    static String categories(String title, String[] real, String[] synthetic, int maxCategories, boolean byValue) {
        Map<String, Double> fr = shares(real);
        Map<String, Double> fs = shares(synthetic);
        List<String> order = new ArrayList<>(fr.keySet());
        for (String c : fs.keySet()) {
            if (!fr.containsKey(c)) {
                order.add(c);
            }
        }
        order.sort((x, y) -> {
            if (byValue) {
                return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
            }
            int byReal = Double.compare(fr.getOrDefault(y, 0.0), fr.getOrDefault(x, 0.0));
            return byReal != 0 ? byReal : Double.compare(fs.getOrDefault(y, 0.0), fs.getOrDefault(x, 0.0));
        });
        List<String> shown = new ArrayList<>(order.subList(0, Math.min(maxCategories, order.size())));
        double otherReal = 0;
        double otherSyn = 0;
        for (String c : order.subList(shown.size(), order.size())) {
            otherReal += fr.getOrDefault(c, 0.0);
            otherSyn += fs.getOrDefault(c, 0.0);
        }
        int rows = shown.size() + (order.size() > shown.size() ? 1 : 0);
        int rowH = 16;
        int w = 300;
        int h = 30 + rows * rowH + 6;
        double left = 92;
        double right = w - 42;
        double max = 0;
        for (String c : shown) {
            max = Math.max(max, Math.max(fr.getOrDefault(c, 0.0), fs.getOrDefault(c, 0.0)));
        }
        max = Math.max(max, Math.max(otherReal, otherSyn));
        max = max == 0 ? 1 : max;
        Svg svg = new Svg(w, h, title);
        svg.text(w / 2.0, 15, title, "middle", 12, "font-weight=\"600\"");
        for (int i = 0; i < rows; i++) {
            boolean other = i == shown.size();
            String c = other ? "other (" + (order.size() - shown.size()) + ")" : shown.get(i);
            double r = other ? otherReal : fr.getOrDefault(c, 0.0);
            double s = other ? otherSyn : fs.getOrDefault(c, 0.0);
            double y = 26 + i * rowH;
            svg.text(left - 4, y + 11, Html.shorten(c, 15), "end", 10, null);
            svg.rect(left, y + 1, (right - left) * r / max, 6, REAL, null, c + ": real " + Html.percent(r));
            svg.rect(left, y + 8, (right - left) * s / max, 6, SYNTHETIC, null, c + ": synthetic " + Html.percent(s));
            svg.text(left + (right - left) * Math.max(r, s) / max + 3, y + 11, Html.percent(Math.max(r, s)), "start", 9,
                    "fill=\"" + AXIS + "\"");
        }
        svg.line(left, 24, left, h - 4, AXIS);
        return svg.toString();
    }

    /**
     * A square heat map; diverging (blue - white - red over [-limit, limit]) or sequential
     * (white - red over [0, limit]). NaN cells are grey.
     */
    static String heatmap(String title, List<String> names, double[][] m, double limit, boolean diverging) {
        int k = names.size();
        int cell = Math.max(14, Math.min(30, 260 / Math.max(1, k)));
        int labelW = 100;
        int w = labelW + k * cell + 56; // room for the last rotated column label
        int h = 24 + labelW + k * cell + 10;
        Svg svg = new Svg(w, h, title);
        svg.text(w / 2.0, 15, title, "middle", 12, "font-weight=\"600\"");
        double top = 24 + labelW;
        for (int j = 0; j < k; j++) {
            double x = labelW + j * cell + cell / 2.0;
            svg.text(x, top - 4, Html.shorten(names.get(j), 16), "start", 10,
                    String.format(Locale.ROOT, "transform=\"rotate(-60 %.2f %.2f)\"", x, top - 4));
        }
        for (int i = 0; i < k; i++) {
            svg.text(labelW - 4, top + i * cell + cell / 2.0 + 4, Html.shorten(names.get(i), 16), "end", 10, null);
            for (int j = 0; j < k; j++) {
                double v = m[i][j];
                String fill = Double.isNaN(v) ? "#d1d5db" : color(v, limit, diverging);
                svg.rect(labelW + j * cell, top + i * cell, cell - 1, cell - 1, fill, null,
                        names.get(i) + " / " + names.get(j) + ": " + (Double.isNaN(v) ? "undefined" : Html.num(v)));
                if (cell >= 28 && !Double.isNaN(v)) {
                    svg.text(labelW + j * cell + cell / 2.0, top + i * cell + cell / 2.0 + 3,
                            String.format(Locale.ROOT, "%.2f", v), "middle", 9,
                            Math.abs(v) > 0.6 * limit ? "fill=\"white\"" : null);
                }
            }
        }
        return svg.toString();
    }

    static String color(double v, double limit, boolean diverging) {
        double t = Math.max(-1, Math.min(1, v / limit));
        int[] white = {255, 255, 255};
        int[] red = {185, 28, 28};
        int[] blue = {29, 78, 216};
        int[] to = t >= 0 ? red : blue;
        double f = diverging ? Math.abs(t) : Math.max(0, t);
        int r = (int) Math.round(white[0] + (to[0] - white[0]) * f);
        int g = (int) Math.round(white[1] + (to[1] - white[1]) * f);
        int b = (int) Math.round(white[2] + (to[2] - white[2]) * f);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    /**
     * Histogram of the DCR distances of the synthetic rows, with those of the random baseline
     * (random != null) or alone on a zoomed range (random == null).
     */
    static String dcr(double[] synthetic, double[] random) {
        double[] all = new double[synthetic.length + (random == null ? 0 : random.length)];
        System.arraycopy(synthetic, 0, all, 0, synthetic.length);
        if (random != null) {
            System.arraycopy(random, 0, all, synthetic.length, random.length);
        }
        Arrays.sort(all);
        double hi = all[(int) Math.floor(0.995 * (all.length - 1))];
        hi = hi > 0 ? hi : 1;
        int bins = 40;
        int w = 620;
        int h = 220;
        double left = 46;
        double right = w - 12;
        double top = 28;
        double bottom = h - 30;
        double[] fs = shares(synthetic, bins, 0, hi);
        double[] fr = random == null ? new double[bins] : shares(random, bins, 0, hi);
        double max = 0;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(fs[i], fr[i]));
        }
        max = max == 0 ? 1 : max * 1.1;
        Svg svg = new Svg(w, h, "distance to closest real record");
        svg.text(w / 2.0, 16, random != null ? "Synthetic and random rows" : "Synthetic rows only (zoomed)", "middle",
                12, "font-weight=\"600\"");
        double bw = (right - left) / bins;
        for (int i = 0; i < bins; i++) {
            double x = left + i * bw;
            String range = Html.tick(i * hi / bins) + " to " + Html.tick((i + 1) * hi / bins);
            svg.rect(x + 0.5, bottom - (bottom - top) * fr[i] / max, bw - 1, (bottom - top) * fr[i] / max, RANDOM,
                    "fill-opacity=\"0.6\"", range + ": random baseline " + Html.percent(fr[i]));
            svg.rect(x + 0.5, bottom - (bottom - top) * fs[i] / max, bw - 1, (bottom - top) * fs[i] / max, SYNTHETIC,
                    "fill-opacity=\"0.7\"", range + ": synthetic " + Html.percent(fs[i]));
        }
        axes(svg, left, right, top, bottom);
        for (int t = 0; t <= 4; t++) {
            double x = left + (right - left) * t / 4;
            svg.text(x, bottom + 14, Html.tick(hi * t / 4), t == 0 ? "start" : t == 4 ? "end" : "middle", 10,
                    "fill=\"" + AXIS + "\"");
        }
        svg.text((left + right) / 2, h - 2, "Euclidean distance (standardised with the real table)", "middle", 10,
                "fill=\"" + AXIS + "\"");
        svg.text(left - 4, top + 8, Html.percent(max).replace(".0 %", " %"), "end", 9, "fill=\"" + AXIS + "\"");
        svg.rect(right - 190, top, 10, 10, SYNTHETIC, "fill-opacity=\"0.7\"");
        svg.text(right - 176, top + 9, "synthetic rows", "start", 11, null);
        if (random != null) {
            svg.rect(right - 90, top, 10, 10, RANDOM, "fill-opacity=\"0.6\"");
            svg.text(right - 76, top + 9, "random rows", "start", 11, null);
        }
        return svg.toString();
    }

    private static void axes(Svg svg, double left, double right, double top, double bottom) {
        svg.line(left, bottom, right, bottom, AXIS);
        svg.line(left, top, left, bottom, AXIS);
    }

    /** Share of the present values in each of `bins` equal bins over [lo, hi] (outside: edge bins). */
    static double[] shares(double[] values, int bins, double lo, double hi) {
        double[] out = new double[bins];
        int n = 0;
        double width = hi > lo ? (hi - lo) / bins : 1;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            int b = (int) Math.floor((v - lo) / width);
            out[Math.max(0, Math.min(bins - 1, b))]++;
            n++;
        }
        for (int i = 0; i < bins; i++) {
            out[i] = n == 0 ? 0 : out[i] / n;
        }
        return out;
    }

    static Map<String, Double> shares(String[] values) {
        Map<String, Double> out = new HashMap<>();
        int n = 0;
        for (String v : values) {
            if (v != null) {
                out.merge(v, 1.0, Double::sum);
                n++;
            }
        }
        for (Map.Entry<String, Double> e : out.entrySet()) {
            e.setValue(e.getValue() / n);
        }
        return out;
    }
}
