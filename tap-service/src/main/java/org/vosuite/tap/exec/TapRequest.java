package org.vosuite.tap.exec;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vosuite.common.votable.ResultFormat;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.upload.UploadException;
import org.vosuite.tap.upload.UploadRequest;

/**
 * A TAP query request as sync and async both take it (DALI/TAP parameters, names case-insensitive): the ADQL, the
 * output format, the row limit and the uploads.
 *
 * @param maxRec rows to return at most (MAXREC, capped by the hard limit)
 */
public record TapRequest(String query, ResultFormat format, long maxRec, List<UploadRequest> uploads) {
    /**
     * @param parameter the first value of a parameter by name (case-insensitive), or null
     * @param uploads   every UPLOAD value given
     */
    public static TapRequest of(Function<String, String> parameter, List<String> uploads, TapLimits limits)
            throws QueryException {
        String lang = parameter.apply("LANG");
        String query = parameter.apply("QUERY");
        String request = parameter.apply("REQUEST");
        if (request != null && !request.equalsIgnoreCase("doQuery")) {
            throw new QueryException("REQUEST=" + request + " is not supported; use REQUEST=doQuery (or leave it "
                    + "out)", 0, 0);
        }
        if (lang == null || !lang.toUpperCase(Locale.ROOT).matches("ADQL(-2\\.[01])?")) {
            throw new QueryException(lang == null ? "missing LANG parameter: use LANG=ADQL"
                    : "LANG=" + lang + " is not supported: use LANG=ADQL (ADQL 2.1; ADQL-2.0 is accepted too)", 0, 0);
        }
        if (query == null || query.isBlank()) {
            throw new QueryException("missing QUERY parameter: give the ADQL query to run", 0, 0);
        }
        String formatParam = parameter.apply("RESPONSEFORMAT") != null ? parameter.apply("RESPONSEFORMAT")
                : parameter.apply("FORMAT");
        ResultFormat format = ResultFormat.fromParameter(formatParam).orElse(null);
        if (format == null) {
            throw new QueryException("RESPONSEFORMAT=" + formatParam + " is not supported; use one of votable, "
                    + "votable/td, votable/b, csv, tsv, fits", 0, 0);
        }
        long maxRec;
        String maxRecText = parameter.apply("MAXREC");
        try {
            maxRec = maxRecText != null ? Long.parseLong(maxRecText.trim()) : limits.defaultMaxRec();
            if (maxRec < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new QueryException("MAXREC must be a whole number of rows (0 or more), not '" + maxRecText + "'",
                    0, 0);
        }
        try {
            return new TapRequest(query, format, Math.min(maxRec, limits.hardMaxRec()), UploadRequest.parse(uploads));
        } catch (UploadException e) {
            throw new QueryException(e.getMessage(), 0, 0);
        }
    }
}
