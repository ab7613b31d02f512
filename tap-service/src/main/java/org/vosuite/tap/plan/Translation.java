package org.vosuite.tap.plan;

import java.util.List;

/** A validated query as the SQL to run and the columns it returns. */
public record Translation(String sql, List<ResultColumn> columns) {
    public Translation {
        columns = List.copyOf(columns);
    }
}
