package org.vosuite.tap.plan;

import org.apache.calcite.runtime.CalciteContextException;

/** Calcite's validation messages, reworded where they would confuse an ADQL user. */
final class Messages {
    private Messages() {
    }

    static String of(CalciteContextException e) {
        String m = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        String where = e.getPosLine() > 0 ? "line " + e.getPosLine() + ", column " + e.getPosColumn() + ": " : "";
        return where + m;
    }
}
