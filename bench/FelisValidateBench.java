import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vosuite.felis.Felis;
import org.vosuite.felis.check.CheckOptions;
import org.vosuite.felis.parse.ReadOptions;
import org.vosuite.felis.parse.ReadResult;

/**
 * Benchmark (run on demand, never in tests): felis validate with all four strict checks on a generated
 * 2,000-column schema and on every sdm_schemas file, in one JVM: the first (cold) run and the median of warm runs.
 *
 *   ./vo --help >/dev/null && java -cp app/target/vo.jar bench/FelisValidateBench.java
 */
public class FelisValidateBench {
    public static void main(String[] args) throws Exception {
        Path big = Files.createTempFile("bench-2000-columns", ".yaml");
        StringBuilder y = new StringBuilder("name: bench\ndescription: 2,000 columns.\ntables:\n");
        for (int t = 0; t < 20; t++) {
            y.append("  - name: T").append(t).append("\n    description: Table ").append(t)
                    .append(".\n    tap:table_index: ").append(t).append("\n    primaryKey: \"#T").append(t)
                    .append(".c0\"\n    columns:\n");
            for (int c = 0; c < 100; c++) {
                y.append("      - name: c").append(c).append("\n        description: Column ").append(c)
                        .append(".\n        datatype: ").append(c % 3 == 0 ? "double" : c % 3 == 1 ? "float" : "long")
                        .append("\n        ivoa:unit: ").append(c % 2 == 0 ? "nJy" : "deg")
                        .append("\n        ivoa:ucd: ").append(c % 2 == 0 ? "phot.flux;em.opt.R" : "pos.eq.ra;meta.main")
                        .append("\n        tap:principal: ").append(c < 5 ? 1 : 0)
                        .append("\n        tap:column_index: ").append(c).append('\n');
            }
        }
        Files.writeString(big, y);
        List<Path> sdm = new ArrayList<>();
        try (var s = Files.list(Path.of("sdm_schemas/src/main/resources/sdm_schemas"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(sdm::add);
        }
        report("2,000-column schema (20 tables x 100 columns)", List.of(big));
        report("all sdm_schemas files (" + sdm.size() + ")", sdm);
        Files.delete(big);
    }

    private static void report(String what, List<Path> files) {
        long cold = run(files);
        long[] warm = new long[30];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = run(files);
        }
        java.util.Arrays.sort(warm);
        System.out.printf("%-48s cold %7.1f ms   warm median %6.1f ms   (min %6.1f, max %6.1f)%n", what,
                cold / 1e6, warm[warm.length / 2] / 1e6, warm[0] / 1e6, warm[warm.length - 1] / 1e6);
    }

    private static long run(List<Path> files) {
        long t0 = System.nanoTime();
        for (Path f : files) {
            ReadResult r = Felis.validate(f, ReadOptions.DEFAULT, CheckOptions.ALL);
            if (!r.ok()) {
                throw new IllegalStateException(f + " is not valid: " + r.problems());
            }
        }
        return System.nanoTime() - t0;
    }
}
