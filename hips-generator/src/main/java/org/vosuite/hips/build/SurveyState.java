package org.vosuite.hips.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a survey was built from and how, kept in {@code DIR/generator.state} (not part of the HiPS: clients never ask
 * for it), so that images added later are resampled the same way: order, tile width, frame, pixel cut, formats,
 * sampling, overlay, HDU, blank value and every input file.
 */
record SurveyState(int order, int tileWidth, String frame, String pixelCut, List<String> formats, String sampling,
        String overlay, int hdu, Double blank, List<Path> inputs) {
    static final String FILE = "generator.state";

    void write(Path survey) throws IOException {
        StringBuilder s = new StringBuilder("# how vo hips generate built this survey (read by --add)\n");
        s.append("order=").append(order).append('\n').append("tileWidth=").append(tileWidth).append('\n')
                .append("frame=").append(frame).append('\n').append("pixelCut=").append(pixelCut).append('\n')
                .append("formats=").append(String.join(",", formats)).append('\n').append("sampling=")
                .append(sampling).append('\n').append("overlay=").append(overlay).append('\n').append("hdu=")
                .append(hdu).append('\n').append("blank=").append(blank == null ? "" : blank).append('\n');
        for (Path p : inputs) {
            s.append("input=").append(p.toAbsolutePath().normalize()).append('\n');
        }
        Files.writeString(survey.resolve(FILE), s.toString(), StandardCharsets.UTF_8);
    }

    static SurveyState read(Path survey) throws IOException {
        Path file = survey.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(survey + " is not a survey this generator built (no " + FILE + "): build it "
                    + "without --add first");
        }
        Map<String, String> v = new LinkedHashMap<>();
        List<Path> inputs = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("input")) {
                inputs.add(Path.of(value));
            } else {
                v.put(key, value);
            }
        }
        try {
            return new SurveyState(Integer.parseInt(v.get("order")), Integer.parseInt(v.get("tileWidth")),
                    v.get("frame"), v.get("pixelCut"), List.of(v.get("formats").split(",")), v.get("sampling"),
                    v.get("overlay"), Integer.parseInt(v.get("hdu")), v.get("blank").isEmpty() ? null
                    : Double.valueOf(v.get("blank")), inputs);
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "): build the survey again", e);
        }
    }
}
