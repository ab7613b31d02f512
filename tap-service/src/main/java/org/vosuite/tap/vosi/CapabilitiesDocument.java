package org.vosuite.tap.vosi;

import org.vosuite.common.votable.ResultFormat;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.TapService;

/**
 * VOSI capabilities with the TAPRegExt description of the TAP capability. Declares only what the service does:
 * ADQL 2.1 (2.0 accepted), the output formats that are implemented, the row limits and the sync execution limit.
 */
public final class CapabilitiesDocument {
    private CapabilitiesDocument() {
    }

    /**
     * What the capabilities say beyond the query language: how long async jobs are kept, and whether bearer tokens
     * are accepted (when on, anonymous use is declared too).
     */
    public record Access(java.time.Duration retentionDefault, java.time.Duration retentionHard, boolean tokens) {
        public static final Access SYNC_ONLY = new Access(null, null, false);
    }

    public static String tap(String baseUrl, TapLimits limits, TapService.Features features) {
        return tap(baseUrl, limits, features, Access.SYNC_ONLY);
    }

    public static String tap(String baseUrl, TapLimits limits, TapService.Features features, Access access) {
        String base = xml(baseUrl);
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<vosi:capabilities xmlns:vosi=\"http://www.ivoa.net/xml/VOSICapabilities/v1.0\"\n")
                .append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("    xmlns:vr=\"http://www.ivoa.net/xml/VOResource/v1.0\"\n")
                .append("    xmlns:vs=\"http://www.ivoa.net/xml/VODataService/v1.1\"\n")
                .append("    xmlns:tr=\"http://www.ivoa.net/xml/TAPRegExt/v1.0\">\n");
        sb.append("  <capability standardID=\"ivo://ivoa.net/std/TAP\" xsi:type=\"tr:TableAccess\">\n")
                .append("    <interface xsi:type=\"vs:ParamHTTP\" role=\"std\" version=\"1.1\">\n")
                .append("      <accessURL use=\"base\">").append(base).append("</accessURL>\n")
                .append(access.tokens() ? "      <securityMethod/>\n      <securityMethod standardID=\""
                        + "ivo://ivoa.net/sso#token\"/>\n" : "")
                .append("    </interface>\n")
                .append("    <language>\n      <name>ADQL</name>\n")
                .append("      <version ivo-id=\"ivo://ivoa.net/std/ADQL#v2.1\">2.1</version>\n")
                .append("      <version ivo-id=\"ivo://ivoa.net/std/ADQL#v2.0\">2.0</version>\n")
                .append("      <description>ADQL 2.1, validated and translated with Apache Calcite.</description>\n");
        // Geometry as this database's strategy runs it (pg_sphere, or HEALPix ranges without it).
        sb.append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adqlgeo\">\n");
        for (String f : features.geometry()) {
            sb.append("        <feature><form>").append(f).append("</form></feature>\n");
        }
        sb.append("      </languageFeatures>\n");
        if (features.healpixIndex()) {
            sb.append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-udf\">\n")
                    .append("        <feature><form>ivo_healpix_index(hpxOrder INTEGER, ra DOUBLE, dec DOUBLE) -&gt; "
                            + "BIGINT</form><description>Index of the HEALPix (nested) pixel of order hpxOrder that "
                            + "contains the position.</description></feature>\n")
                    .append("      </languageFeatures>\n");
        }
        sb
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-string\">\n")
                .append("        <feature><form>LOWER</form></feature>\n        <feature><form>UPPER</form>"
                        + "</feature>\n        <feature><form>ILIKE</form></feature>\n")
                .append("      </languageFeatures>\n")
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-offset\">\n")
                .append("        <feature><form>OFFSET</form></feature>\n      </languageFeatures>\n")
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-sets\">\n")
                .append("        <feature><form>UNION</form></feature>\n        <feature><form>EXCEPT</form>"
                        + "</feature>\n        <feature><form>INTERSECT</form></feature>\n")
                .append("      </languageFeatures>\n")
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-common-table\">\n")
                .append("        <feature><form>WITH</form></feature>\n      </languageFeatures>\n")
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-type\">\n")
                .append("        <feature><form>CAST</form></feature>\n      </languageFeatures>\n")
                .append("      <languageFeatures type=\"ivo://ivoa.net/std/TAPRegExt#features-adql-unit\">\n")
                .append("        <feature><form>IN_UNIT</form><description>converts from the column's published "
                        + "unit</description></feature>\n      </languageFeatures>\n")
                .append("    </language>\n");
        for (ResultFormat f : ResultFormat.values()) {
            sb.append("    <outputFormat").append(ivoId(f)).append(">\n      <mime>").append(xml(f.mimeType()))
                    .append("</mime>\n      <alias>").append(xml(f.names().get(0))).append("</alias>\n")
                    .append("    </outputFormat>\n");
        }
        sb.append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-inline\"/>\n");
        if (limits.uploads().urls()) {
            sb.append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-http\"/>\n")
                    .append("    <uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-https\"/>\n");
        }
        if (access.retentionDefault() != null) {
            sb.append("    <retentionPeriod>\n      <default>").append(access.retentionDefault().toSeconds())
                    .append("</default>\n      <hard>").append(access.retentionHard().toSeconds())
                    .append("</hard>\n    </retentionPeriod>\n");
        }
        sb.append("    <executionDuration>\n      <default>").append(limits.syncTimeout().toSeconds())
                .append("</default>\n      <hard>").append(limits.syncTimeout().toSeconds())
                .append("</hard>\n    </executionDuration>\n")
                .append("    <outputLimit>\n      <default unit=\"row\">").append(limits.defaultMaxRec())
                .append("</default>\n      <hard unit=\"row\">").append(limits.hardMaxRec())
                .append("</hard>\n    </outputLimit>\n")
                // TAPRegExt has one upload limit; rows are the default unit shown, bytes the hard one enforced first
                .append("    <uploadLimit>\n      <default unit=\"row\">").append(limits.uploads().maxRows())
                .append("</default>\n      <hard unit=\"byte\">").append(limits.uploads().maxBytes())
                .append("</hard>\n    </uploadLimit>\n")
                .append("  </capability>\n");
        vosi(sb, "capabilities", base + "/capabilities");
        vosi(sb, "availability", base + "/availability");
        vosi(sb, "tables-1.1", base + "/tables");
        sb.append("  <capability standardID=\"ivo://ivoa.net/std/DALI#examples\">\n")
                .append("    <interface xsi:type=\"vr:WebBrowser\">\n      <accessURL use=\"full\">").append(base)
                .append("/examples</accessURL>\n    </interface>\n  </capability>\n");
        sb.append("</vosi:capabilities>\n");
        return sb.toString();
    }

    private static String ivoId(ResultFormat f) {
        String id = switch (f) {
            case VOTABLE_BINARY2 -> "output-votable-binary2";
            case VOTABLE_TABLEDATA -> "output-votable-td";
            case VOTABLE_BINARY -> "output-votable-binary";
            default -> null;
        };
        return id == null ? "" : " ivo-id=\"ivo://ivoa.net/std/TAPRegExt#" + id + "\"";
    }

    private static void vosi(StringBuilder sb, String what, String url) {
        sb.append("  <capability standardID=\"ivo://ivoa.net/std/VOSI#").append(what).append("\">\n")
                .append("    <interface xsi:type=\"vs:ParamHTTP\">\n      <accessURL use=\"full\">").append(url)
                .append("</accessURL>\n    </interface>\n  </capability>\n");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
