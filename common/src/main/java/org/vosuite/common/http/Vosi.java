package org.vosuite.common.http;

import java.util.List;

/** VOSI 1.1 documents shared by the services: availability, and capabilities of ParamHTTP interfaces. */
public final class Vosi {
    private Vosi() {
    }

    /** One capability: its standardID and the URL of its ParamHTTP interface (null for VOSI's own). */
    public record Capability(String standardId, String accessUrl) {
    }

    public static String availability() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:availability "
                + "xmlns:vosi=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\">\n  <vosi:available>true"
                + "</vosi:available>\n</vosi:availability>\n";
    }

    /** A capabilities document whose interfaces are all ParamHTTP with role="std". */
    public static String capabilities(List<Capability> capabilities) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vosi:capabilities "
                + "xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\">\n");
        for (Capability c : capabilities) {
            s.append("  <capability standardID=\"").append(escape(c.standardId())).append("\">\n");
            s.append("    <interface xsi:type=\"vs:ParamHTTP\" role=\"std\">\n");
            s.append("      <accessURL use=\"full\">").append(escape(c.accessUrl())).append("</accessURL>\n");
            s.append("    </interface>\n  </capability>\n");
        }
        return s.append("</vosi:capabilities>\n").toString();
    }

    /** The service's base URL as the client addressed it: ".../soda" for a request to ".../soda/capabilities". */
    public static String baseUrl(io.vertx.ext.web.RoutingContext ctx) {
        String uri = ctx.request().absoluteURI();
        int q = uri.indexOf('?');
        if (q >= 0) {
            uri = uri.substring(0, q);
        }
        return uri.substring(0, uri.lastIndexOf('/'));
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
