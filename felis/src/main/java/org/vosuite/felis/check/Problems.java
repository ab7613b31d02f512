package org.vosuite.felis.check;

import java.util.ArrayList;
import java.util.List;
import org.vosuite.felis.model.Location;

/** Collects problems while reading and checking, so one run reports every error instead of the first. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void error(Location location, String object, String message) {
        list.add(Problem.error(location, object, message));
    }

    public void warning(Location location, String object, String message) {
        list.add(Problem.warning(location, object, message));
    }

    public void add(Problem problem) {
        list.add(problem);
    }

    public void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }
}
