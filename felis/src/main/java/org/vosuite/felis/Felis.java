package org.vosuite.felis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vosuite.felis.check.CheckOptions;
import org.vosuite.felis.check.Problem;
import org.vosuite.felis.check.SchemaChecks;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.parse.FelisFileException;
import org.vosuite.felis.parse.FelisReader;
import org.vosuite.felis.parse.ReadOptions;
import org.vosuite.felis.parse.ReadResult;

/** The module's entry point for other code: read and validate Felis files. */
public final class Felis {
    private Felis() {
    }

    /** Reads and checks one file; the result carries every problem, errors and warnings. */
    public static ReadResult validate(Path file, ReadOptions read, CheckOptions checks) {
        ReadResult r = new FelisReader(read).read(file);
        if (r.schema() == null) {
            return r;
        }
        List<Problem> all = new ArrayList<>(r.problems());
        all.addAll(new SchemaChecks(checks).check(r.schema()));
        // Report in file order, so fixing top to bottom works.
        all.sort(Comparator.comparing((Problem p) -> p.location().file()).thenComparingInt(p -> p.location().line()));
        return new ReadResult(r.schema(), all);
    }

    /** A valid schema, or a {@link FelisFileException} listing every error. */
    public static Schema load(Path file, ReadOptions read) {
        ReadResult r = validate(file, read, CheckOptions.NONE);
        if (!r.ok()) {
            throw new FelisFileException(r.problems());
        }
        return r.schema();
    }

    public static Schema load(Path file) {
        return load(file, ReadOptions.DEFAULT);
    }
}
