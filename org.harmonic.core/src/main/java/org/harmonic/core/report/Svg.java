package org.harmonic.core.report;

import java.util.Locale;

/** A tiny SVG writer: shapes and text with escaped content, numbers with two decimals. */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String label) {
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Html.escape(label)));
    }

    Svg rect(double x, double y, double w, double h, String fill, String extra) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" %s/>",
                x, y, Math.max(0, w), Math.max(0, h), fill, extra == null ? "" : extra));
        return this;
    }

    /** A rectangle with a hover tooltip. */
    Svg rect(double x, double y, double w, double h, String fill, String extra, String tooltip) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" %s>"
                + "<title>%s</title></rect>", x, y, Math.max(0, w), Math.max(0, h), fill, extra == null ? "" : extra,
                Html.escape(tooltip)));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"1\"/>",
                x1, y1, x2, y2, stroke));
        return this;
    }

    Svg text(double x, double y, String text, String anchor, int size, String extra) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" font-size=\"%d\" %s>%s</text>",
                x, y, anchor, size, extra == null ? "" : extra, Html.escape(text)));
        return this;
    }

    @Override
    public String toString() {
        return out + "</svg>";
    }
}
