package io.nnport.converter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;

/**
 * What a conversion produced, written next to the model as {@code report.md} (for people) and
 * {@code report.json} (for tools). All sizes are for one batch sample unless named otherwise.
 *
 * @param model              the model's name
 * @param source             the model file it came from
 * @param converterVersion   nnport's version
 * @param layers             one row per layer, in execution order
 * @param params             weights' element count
 * @param weightBytes        bytes of the embedded weights resource
 * @param arenaPeakBytes     peak float + int arena per sample, from the buffer plan
 * @param intermediateBytes  what all intermediates would take with no reuse, per sample
 * @param flopsPerSample     multiply-adds count twice
 * @param conversionMillis   wall time of the whole conversion
 */
public record ConversionReport(String model, String source, String converterVersion, List<LayerRow> layers,
                               long params, long weightBytes, long arenaPeakBytes, long intermediateBytes,
                               long flopsPerSample, long conversionMillis) {

    /** One layer: what it is, what it merged, its shapes, cost and buffer decisions. */
    public record LayerRow(String name, String kind, String description, List<String> sourceNodes,
                           List<String> inputShapes, String outputShape, long params, long flops,
                           boolean inPlace, boolean mutable, String storage) {}

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(model).append("\n\n");
        md.append("Converted by nnport ").append(converterVersion).append(" from `").append(source).append("`.\n\n");
        md.append("| total | value |\n|---|---|\n");
        md.append("| layers | ").append(layers.size()).append(" |\n");
        md.append("| parameters | ").append(String.format(Locale.ROOT, "%,d", params)).append(" |\n");
        md.append("| weights | ").append(bytes(weightBytes)).append(" |\n");
        md.append("| peak arena per sample | ").append(bytes(arenaPeakBytes)).append(" |\n");
        md.append("| all intermediates per sample (no reuse) | ").append(bytes(intermediateBytes)).append(" |\n");
        md.append("| arena / intermediates | ").append(intermediateBytes == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f%%", 100.0 * arenaPeakBytes / intermediateBytes)).append(" |\n");
        md.append("| FLOPs per sample | ").append(String.format(Locale.ROOT, "%,d (%.3f GFLOP)", flopsPerSample,
                flopsPerSample / 1e9)).append(" |\n");
        md.append("| conversion time | ").append(conversionMillis).append(" ms |\n\n");
        md.append("| # | layer | kind | source nodes | in | out | params | FLOPs | inPlace | mutable | buffer |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < layers.size(); i++) {
            LayerRow r = layers.get(i);
            md.append("| ").append(i).append(" | ").append(cell(r.name())).append(" | ").append(cell(r.description()))
                    .append(" | ").append(cell(String.join(", ", r.sourceNodes()))).append(" | ")
                    .append(cell(String.join(" ", r.inputShapes()))).append(" | ").append(r.outputShape()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", r.params())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", r.flops())).append(" | ")
                    .append(r.inPlace() ? "yes" : "").append(" | ").append(r.mutable() ? "yes" : "").append(" | ")
                    .append(r.storage()).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** 1234567 -> "1.18 MiB (1,234,567 B)". */
    static String bytes(long n) {
        String human;
        if (n >= 1L << 20) {
            human = String.format(Locale.ROOT, "%.2f MiB", n / (double) (1L << 20));
        } else if (n >= 1L << 10) {
            human = String.format(Locale.ROOT, "%.1f KiB", n / (double) (1L << 10));
        } else {
            return n + " B";
        }
        return human + String.format(Locale.ROOT, " (%,d B)", n);
    }
}
