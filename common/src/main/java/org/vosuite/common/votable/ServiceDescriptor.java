package org.vosuite.common.votable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import uk.ac.starlink.votable.VOSerializer;

/**
 * A DataLink 1.1 service descriptor (§4): {@code <RESOURCE type="meta" utype="adhoc:service">} telling a client how
 * to call a service, written into DataLink links documents and into TAP results. Input parameters are fixed
 * ({@code value}), taken from a result column ({@code ref} to the FIELD's XML ID) or left to the user (with their
 * allowed range).
 *
 * @param xmlId the RESOURCE's ID, which links rows name in {@code service_def}
 * @param standardId e.g. {@code ivo://ivoa.net/std/SODA#sync-1.0}; null for a custom service (clients then use GET)
 */
public record ServiceDescriptor(String xmlId, String name, String description, String accessUrl, String standardId,
        String contentType, List<Param> inputParams) {
    public ServiceDescriptor {
        inputParams = List.copyOf(inputParams);
    }

    /**
     * One input parameter. Exactly one of: {@code value} (fixed, sent as is), {@code ref} (the XML ID of the
     * FIELD whose row value is sent), or neither (the user supplies it; {@code min}, {@code max},
     * {@code options} say what is allowed).
     */
    public record Param(String name, String datatype, String arraysize, String xtype, String unit, String ucd,
            String value, String ref, String description, String min, String max, List<String> options) {
        public Param {
            options = options == null ? List.of() : List.copyOf(options);
        }

        public static Param fixed(String name, String value) {
            return new Param(name, "char", "*", null, null, null, value, null, null, null, null, null);
        }

        public static Param fromColumn(String name, String fieldId) {
            return new Param(name, "char", "*", null, null, null, "", fieldId, null, null, null, null);
        }
    }

    /** The descriptor with each {@code ref} replaced (refs the function maps to null are dropped with their param). */
    public ServiceDescriptor withRefs(UnaryOperator<String> fieldIds) {
        List<Param> params = new ArrayList<>();
        for (Param p : inputParams) {
            if (p.ref() == null) {
                params.add(p);
            } else if (fieldIds.apply(p.ref()) != null) {
                params.add(new Param(p.name(), p.datatype(), p.arraysize(), p.xtype(), p.unit(), p.ucd(), "",
                        fieldIds.apply(p.ref()), p.description(), p.min(), p.max(), p.options()));
            }
        }
        return new ServiceDescriptor(xmlId, name, description, accessUrl, standardId, contentType, params);
    }

    /** The RESOURCE element. */
    public String toXml() {
        StringBuilder s = new StringBuilder("<RESOURCE type=\"meta\" utype=\"adhoc:service\"");
        s.append(attr("ID", xmlId)).append(attr("name", name)).append(">\n");
        if (description != null) {
            s.append("  <DESCRIPTION>").append(VOSerializer.formatText(description)).append("</DESCRIPTION>\n");
        }
        descriptive(s, "accessURL", accessUrl);
        descriptive(s, "standardID", standardId);
        descriptive(s, "contentType", contentType);
        s.append("  <GROUP name=\"inputParams\">\n");
        for (Param p : inputParams) {
            s.append("    <PARAM").append(attr("name", p.name())).append(attr("datatype", p.datatype()))
                    .append(attr("arraysize", p.arraysize())).append(attr("xtype", p.xtype()))
                    .append(attr("unit", p.unit())).append(attr("ucd", p.ucd()))
                    .append(attr("value", p.value() == null ? "" : p.value())).append(attr("ref", p.ref()));
            boolean values = p.min() != null || p.max() != null || !p.options().isEmpty();
            if (p.description() == null && !values) {
                s.append("/>\n");
                continue;
            }
            s.append(">\n");
            if (p.description() != null) {
                s.append("      <DESCRIPTION>").append(VOSerializer.formatText(p.description()))
                        .append("</DESCRIPTION>\n");
            }
            if (values) {
                s.append("      <VALUES>\n");
                if (p.min() != null) {
                    s.append("        <MIN").append(attr("value", p.min())).append(" inclusive=\"yes\"/>\n");
                }
                if (p.max() != null) {
                    s.append("        <MAX").append(attr("value", p.max())).append(" inclusive=\"yes\"/>\n");
                }
                for (String o : p.options()) {
                    s.append("        <OPTION").append(attr("value", o)).append("/>\n");
                }
                s.append("      </VALUES>\n");
            }
            s.append("    </PARAM>\n");
        }
        return s.append("  </GROUP>\n</RESOURCE>\n").toString();
    }

    private static void descriptive(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append("  <PARAM").append(attr("name", name)).append(" datatype=\"char\" arraysize=\"*\"")
                    .append(attr("value", value)).append("/>\n");
        }
    }

    private static String attr(String name, String value) {
        return value == null ? "" : VOSerializer.formatAttribute(name, value);
    }
}
