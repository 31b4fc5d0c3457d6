package io.nnport.frontend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Keras layer table is the {@link KerasLayerTable} as it is. */
class KerasLayersReadmeTest {

    private static final Path README = Path.of("../README.md");
    private static final String BEGIN = "<!-- keras-layers:begin -->";
    private static final String END = "<!-- keras-layers:end -->";

    private static String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("Generated from graph-import's `KerasLayerTable` (regenerate: `./mvnw -B -o -pl graph-import verify"
                + " -Dtest=KerasLayersReadmeTest -Dnnport.updateReadme=true`).\n\n");
        text.append("| Keras layer | becomes |\n|---|---|\n");
        KerasLayerTable.labels().forEach((className, label) -> text.append("| ").append(className).append(" | ")
                .append(label).append(" |\n"));
        return text.toString();
    }

    @Test
    void readmeKerasSectionIsUpToDate() throws Exception {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "the README has no " + BEGIN + " ... " + END + " section");
        String expected = readme.substring(0, begin + BEGIN.length()) + "\n" + markdown() + readme.substring(end);
        if (Boolean.getBoolean("nnport.updateReadme")) {
            Files.writeString(README, expected);
            return;
        }
        assertEquals(expected, readme, "README.md's Keras layer table is out of date; regenerate it with: "
                + "./mvnw -B -o -pl graph-import verify -Dtest=KerasLayersReadmeTest -Dnnport.updateReadme=true");
    }
}
