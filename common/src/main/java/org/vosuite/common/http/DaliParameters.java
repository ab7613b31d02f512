package org.vosuite.common.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request parameters as DALI defines them: names are case-insensitive, and the GET query string and the POST
 * form are equivalent (both are read; the query string first). Needs a BodyHandler ahead for POST forms.
 */
public final class DaliParameters {
    private DaliParameters() {
    }

    /** Every parameter in order: the query string's, then the form's (request().params() would repeat the form). */
    public static List<Map.Entry<String, String>> all(RoutingContext ctx) {
        List<Map.Entry<String, String>> out = new ArrayList<>(ctx.queryParams().entries());
        out.addAll(ctx.request().formAttributes().entries());
        return out;
    }

    /** The first value of a parameter, or null. */
    public static String first(RoutingContext ctx, String name) {
        for (Map.Entry<String, String> e : all(ctx)) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Every value of a parameter (UPLOAD may be given several times). */
    public static List<String> values(RoutingContext ctx, String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : all(ctx)) {
            if (e.getKey().equalsIgnoreCase(name)) {
                out.add(e.getValue());
            }
        }
        return out;
    }
}
