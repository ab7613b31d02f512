package org.vosuite.felis.parse;

import java.util.List;
import java.util.stream.Collectors;
import org.vosuite.felis.check.Problem;

/** Thrown where a command needs a valid schema and the file is not one; the message lists every error. */
public final class FelisFileException extends RuntimeException {
    private final List<Problem> problems;

    public FelisFileException(List<Problem> problems) {
        super(problems.stream().filter(Problem::isError).map(Problem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
