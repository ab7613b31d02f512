package org.vosuite.common.wcs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test headers: every supported projection (with non-default parameters where it has them), the three forms
 * of the linear transform, SIP, TPV, Galactic axes, swapped axes and reference points near the pole. Each comes
 * with the half-width of the sampled region in intermediate coordinates (degrees), chosen to run past the edge of
 * the projection's domain so that the boundary is crossed.
 */
final class WcsHeaders {
    record Case(String name, Map<String, Object> cards, double spanX, double spanY) {
        List<String> lines() {
            List<String> out = new ArrayList<>();
            cards.forEach((k, v) -> {
                String value = v instanceof String s ? "'" + s + "'" : v instanceof Double d ? repr(d) : v.toString();
                out.add(String.format("%-8s= %20s", k, value));
            });
            out.add("END");
            return out;
        }

        double cdelt() {
            Object c = cards.get("CDELT1");
            if (c == null) {
                c = cards.get("CD1_1");
            }
            return Math.abs(((Number) c).doubleValue());
        }
    }

    private WcsHeaders() {
    }

    static String repr(double d) {
        String s = Double.toString(d).replace("E", "E+").replace("E+-", "E-");
        return s;
    }

    private static Map<String, Object> simple(String code, double crval1, double crval2, double cdelt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("NAXIS", 2);
        c.put("NAXIS1", 2001);
        c.put("NAXIS2", 2001);
        c.put("CTYPE1", "RA---" + code);
        c.put("CTYPE2", "DEC--" + code);
        c.put("CRPIX1", 1001.0);
        c.put("CRPIX2", 1001.0);
        c.put("CRVAL1", crval1);
        c.put("CRVAL2", crval2);
        c.put("CDELT1", -cdelt);
        c.put("CDELT2", cdelt);
        c.put("RADESYS", "ICRS");
        return c;
    }

    private static Case proj(String name, String code, double crval1, double crval2, double span, Object... pv) {
        Map<String, Object> c = simple(code, crval1, crval2, 0.1);
        for (int i = 0; i < pv.length; i += 2) {
            c.put((String) pv[i], pv[i + 1]);
        }
        return new Case(name, c, span, span);
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.add(proj("AZP", "AZP", 150, 35, 80, "PV2_1", 2.0, "PV2_2", 30.0));
        cases.add(proj("AZP-far", "AZP", 10, -40, 120, "PV2_1", 0.5));
        cases.add(proj("SZP", "SZP", 150, 35, 80, "PV2_1", 2.0, "PV2_2", 180.0, "PV2_3", 60.0));
        cases.add(proj("TAN", "TAN", 150, 2.2, 89));
        cases.add(proj("TAN-pole", "TAN", 10, 89.9, 3));
        cases.add(proj("STG", "STG", 250, -60, 170));
        cases.add(proj("SIN", "SIN", 80, 20, 58));
        cases.add(proj("SIN-slant", "SIN", 80, 20, 58, "PV2_1", 0.1, "PV2_2", -0.2));
        cases.add(proj("ARC", "ARC", 0, 90, 179));
        cases.add(proj("ZPN", "ZPN", 200, 50, 80, "PV2_0", 0.0, "PV2_1", 1.0, "PV2_2", 0.05, "PV2_3", -0.1));
        cases.add(proj("ZEA", "ZEA", 300, -89.5, 170));
        cases.add(proj("AIR", "AIR", 120, 10, 150, "PV2_1", 45.0));
        cases.add(proj("AIR-default", "AIR", 120, 10, 150));
        cases.add(proj("CYP", "CYP", 0, 0, 200, "PV2_1", 1.0, "PV2_2", 0.7071));
        cases.add(proj("CEA", "CEA", 45, 0, 200, "PV2_1", 0.6));
        cases.add(proj("CAR", "CAR", 0, 0, 185));
        cases.add(proj("CAR-oblique", "CAR", 30, 40, 100));
        cases.add(proj("MER", "MER", 180, 0, 185));
        cases.add(proj("SFL", "SFL", 0, 0, 185));
        cases.add(proj("PAR", "PAR", 0, 0, 185));
        cases.add(proj("MOL", "MOL", 0, 0, 185));
        cases.add(proj("AIT", "AIT", 0, 0, 185));
        cases.add(proj("AIT-oblique", "AIT", 266.4, -28.9, 185));
        cases.add(proj("COP", "COP", 0, 45, 100, "PV2_1", 45.0, "PV2_2", 20.0));
        cases.add(proj("COE", "COE", 0, -30, 150, "PV2_1", -30.0, "PV2_2", 15.0));
        cases.add(proj("COD", "COD", 90, 60, 150, "PV2_1", 60.0, "PV2_2", 15.0));
        cases.add(proj("COD-eta0", "COD", 90, 60, 150, "PV2_1", 60.0));
        cases.add(proj("COO", "COO", 0, 45, 150, "PV2_1", 45.0, "PV2_2", 10.0));
        cases.add(proj("HPX", "HPX", 0, 0, 185));

        Map<String, Object> cd = simple("TAN", 210.5, -45.25, 0);
        cd.remove("CDELT1");
        cd.remove("CDELT2");
        cd.put("CD1_1", -2.0e-4);
        cd.put("CD1_2", 5.0e-5);
        cd.put("CD2_1", 4.0e-5);
        cd.put("CD2_2", 1.9e-4);
        cases.add(new Case("TAN-CD", cd, 1.0, 1.0));

        Map<String, Object> pc = simple("TAN", 10.0, 20.0, 1e-3);
        pc.put("PC1_1", 0.8660254037844387);
        pc.put("PC1_2", -0.5);
        pc.put("PC2_1", 0.5);
        pc.put("PC2_2", 0.8660254037844387);
        cases.add(new Case("TAN-PC", pc, 5.0, 5.0));

        Map<String, Object> crota = simple("SIN", 10.0, 20.0, 1e-3);
        crota.put("CDELT2", 2e-3);
        crota.put("CROTA2", 30.0);
        cases.add(new Case("SIN-CROTA", crota, 5.0, 5.0));

        Map<String, Object> lonpole = simple("ZEA", 40.0, 50.0, 0.1);
        lonpole.put("LONPOLE", 150.0);
        cases.add(new Case("ZEA-LONPOLE", lonpole, 60.0, 60.0));

        Map<String, Object> latpole = simple("CAR", 40.0, 30.0, 0.1);
        latpole.put("LONPOLE", 10.0);
        latpole.put("LATPOLE", -30.0);
        cases.add(new Case("CAR-LATPOLE", latpole, 90.0, 90.0));

        Map<String, Object> sip = simple("TAN", 53.1, -27.8, 0);
        sip.put("CTYPE1", "RA---TAN-SIP");
        sip.put("CTYPE2", "DEC--TAN-SIP");
        sip.remove("CDELT1");
        sip.remove("CDELT2");
        sip.put("CD1_1", -5.5e-5);
        sip.put("CD1_2", 1.0e-6);
        sip.put("CD2_1", 1.2e-6);
        sip.put("CD2_2", 5.5e-5);
        sip.put("A_ORDER", 3);
        sip.put("A_0_2", 2.1e-6);
        sip.put("A_1_1", -1.4e-6);
        sip.put("A_2_0", 3.3e-6);
        sip.put("A_0_3", 1.0e-10);
        sip.put("A_2_1", -2.0e-10);
        sip.put("A_3_0", 4.0e-10);
        sip.put("B_ORDER", 3);
        sip.put("B_0_2", -2.6e-6);
        sip.put("B_1_1", 1.9e-6);
        sip.put("B_2_0", 1.1e-6);
        sip.put("B_1_2", 3.0e-10);
        sip.put("B_3_0", -1.0e-10);
        cases.add(new Case("TAN-SIP", sip, 0.06, 0.06));

        Map<String, Object> tpv = simple("TPV", 150.1, 2.3, 0);
        tpv.remove("CDELT1");
        tpv.remove("CDELT2");
        tpv.put("CD1_1", -7.3e-5);
        tpv.put("CD1_2", 2.0e-7);
        tpv.put("CD2_1", -1.0e-7);
        tpv.put("CD2_2", 7.3e-5);
        tpv.put("PV1_0", 1.0e-5);
        tpv.put("PV1_1", 1.0002);
        tpv.put("PV1_2", 3.0e-4);
        tpv.put("PV1_4", -2.0e-3);
        tpv.put("PV1_5", 1.0e-3);
        tpv.put("PV1_7", 5.0e-3);
        tpv.put("PV1_9", -4.0e-3);
        tpv.put("PV1_11", 1.0e-3);
        tpv.put("PV2_0", -2.0e-5);
        tpv.put("PV2_1", 0.9998);
        tpv.put("PV2_2", -2.0e-4);
        tpv.put("PV2_4", 1.5e-3);
        tpv.put("PV2_6", -1.0e-3);
        tpv.put("PV2_8", 3.0e-3);
        tpv.put("PV2_10", 2.0e-3);
        cases.add(new Case("TPV", tpv, 0.08, 0.08));

        Map<String, Object> gal = simple("ZEA", 30.0, -10.0, 0.05);
        gal.remove("RADESYS");
        gal.put("CTYPE1", "GLON-ZEA");
        gal.put("CTYPE2", "GLAT-ZEA");
        cases.add(new Case("GAL-ZEA", gal, 40.0, 40.0));

        Map<String, Object> fk5 = simple("TAN", 83.6, 22.0, 1e-3);
        fk5.put("RADESYS", "FK5");
        fk5.put("EQUINOX", 2000.0);
        cases.add(new Case("FK5-TAN", fk5, 5.0, 5.0));

        Map<String, Object> swapped = simple("TAN", 0, 0, 1e-3);
        swapped.put("CTYPE1", "DEC--TAN");
        swapped.put("CTYPE2", "RA---TAN");
        swapped.put("CRVAL1", -35.0);
        swapped.put("CRVAL2", 120.0);
        swapped.put("CDELT1", 1e-3);
        swapped.put("CDELT2", -1e-3);
        cases.add(new Case("TAN-swapped", swapped, 5.0, 5.0));
        return cases;
    }
}
