package io.nnport.converter;

import io.nnport.converter.report.ConversionReport;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a conversion wrote.
 *
 * @param directory the published output directory
 * @param jar       the model jar, or null with {@code --source-only}
 * @param report    the report's data
 */
public record ConversionResult(Path directory, Path jar, ConversionReport report) {

    /** One line for the command line. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d layers, %,d parameters, %.3f GFLOP/sample -> %s (%d ms)",
                report.model(), report.layers().size(), report.params(), report.flopsPerSample() / 1e9,
                jar != null ? jar : directory, report.conversionMillis());
    }
}
