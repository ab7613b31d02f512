package org.vosuite.felis.parse;

import java.util.List;
import org.vosuite.felis.check.Problem;
import org.vosuite.felis.model.Schema;

/** A schema as far as it could be read, and every problem found on the way (errors and warnings). */
public record ReadResult(Schema schema, List<Problem> problems) {
    public ReadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return schema != null && problems.stream().noneMatch(Problem::isError);
    }
}
