package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.soak.Recorder.Minute;
import io.github.wristbandjakarta.soak.Recorder.NodeSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak's plot as an SVG page: requests per second, p50 and p99 latency, and each node's heap after a full GC
 * and its threads, per minute, in four panels over the same time axis; the kills (red, until the node served again)
 * and Wristband's outages (orange) shaded.
 */
final class SoakPlot {

    private static final int WIDTH = 900;
    private static final int PANEL = 150;
    private static final int LEFT = 70;
    private static final int RIGHT = 130;
    private static final int TOP = 40;
    private static final int GAP = 40;

    private final SoakResult result;
    private final String title;

    SoakPlot(SoakResult result, String product) {
        this.result = result;
        this.title = product + ", " + result.settings().length().toMinutes() + " min soak";
    }

    /** A series: its name, colour, and points (second, value). */
    private record Series(String name, String colour, List<double[]> points) {
    }

    String svg() {
        double seconds = result.settings().length().toSeconds();
        Map<Integer, Minute> minutes = result.recorder().minutes();
        List<double[]> rate = new ArrayList<>();
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        List<double[]> lost = new ArrayList<>();
        minutes.forEach((m, minute) -> {
            double x = m * 60 + 30;
            rate.add(new double[] {x, minute.requests.sum() / 60.0});
            p50.add(new double[] {x, minute.quantileMillis(0.5)});
            p99.add(new double[] {x, minute.quantileMillis(0.99)});
            lost.add(new double[] {x, minute.lost.sum()});
        });
        StringBuilder svg = new StringBuilder();
        int height = TOP + 4 * (PANEL + GAP);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", WIDTH, height, LEFT,
                escape(title)));
        panel(svg, 0, seconds, "requests/s", List.of(new Series("requests/s", "#1f77b4", rate),
                new Series("lost sessions", "#d62728", lost)));
        panel(svg, 1, seconds, "latency ms", List.of(new Series("p50", "#2ca02c", p50),
                new Series("p99", "#9467bd", p99)));
        panel(svg, 2, seconds, "heap after GC MB", List.of(
                new Series("node A", "#1f77b4", samples("a", s -> s.heapAfterGc() / (1024.0 * 1024.0))),
                new Series("node B", "#ff7f0e", samples("b", s -> s.heapAfterGc() / (1024.0 * 1024.0)))));
        panel(svg, 3, seconds, "live threads", List.of(
                new Series("node A", "#1f77b4", samples("a", s -> s.threads())),
                new Series("node B", "#ff7f0e", samples("b", s -> s.threads()))));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private List<double[]> samples(String node, java.util.function.ToDoubleFunction<NodeSample> value) {
        return result.recorder().samples().stream().filter(s -> s.node().endsWith(node))
                .map(s -> new double[] {s.second(), value.applyAsDouble(s)}).toList();
    }

    private void panel(StringBuilder svg, int index, double seconds, String label, List<Series> series) {
        int top = TOP + index * (PANEL + GAP) + 10;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
        max = niceCeiling(max);
        for (double[] w : result.killWindows()) {
            band(svg, w[0], w[1], seconds, top, plotWidth, "#d62728");
        }
        for (double[] w : result.outageWindows()) {
            band(svg, w[0], w[1], seconds, top, plotWidth, "#ff7f0e");
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", LEFT, top, plotWidth, PANEL));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
                top + 10, fmt(max)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", LEFT - 6,
                top + PANEL));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT,
                top - 4, escape(label)));
        for (int m = 0; m <= seconds / 60; m += seconds > 1200 ? 10 : 1) {
            double x = LEFT + plotWidth * (m * 60 / seconds);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d"
                    + "</text>%n", x, top + PANEL + 14, m));
        }
        int legend = top + 14;
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            for (double[] p : s.points()) {
                double x = LEFT + plotWidth * Math.min(1, p[0] / seconds);
                double y = top + PANEL - PANEL * (p[1] / max);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>%n", x, y,
                        s.colour()));
            }
            if (path.length() > 0) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        path, s.colour()));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    WIDTH - RIGHT + 8, legend, s.colour(), escape(s.name())));
            legend += 16;
        }
    }

    private static void band(StringBuilder svg, double from, double to, double seconds, int top, int plotWidth,
                             String colour) {
        double x1 = LEFT + plotWidth * Math.min(1, from / seconds);
        double x2 = LEFT + plotWidth * Math.min(1, Math.max(to, from + 2) / seconds);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                + "fill-opacity=\"0.18\"/>%n", x1, top, x2 - x1, PANEL, colour));
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
