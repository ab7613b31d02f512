package org.vosuite.common.wcs;

import java.util.Locale;

/**
 * The celestial world coordinate system of a FITS image (Greisen &amp; Calabretta 2002, Calabretta &amp; Greisen
 * 2002): pixel → (SIP) → linear (CD, PC+CDELT or CROTA) → (TPV) → projection → spherical rotation → celestial
 * coordinates, and back. Pixel coordinates follow the FITS convention (1-based, the centre of the first pixel is
 * 1.0) and are given for the two celestial pixel axes in ascending axis order; celestial coordinates are
 * (longitude, latitude) in degrees in the header's frame. Immutable and thread-safe.
 */
public final class Wcs {
    private final int lngAxis;
    private final int latAxis;
    private final int firstAxis;
    private final int secondAxis;
    private final double crpix1;
    private final double crpix2;
    private final double[][] m;
    private final double[][] mInv;
    private final SipDistortion sip;
    private final TpvDistortion tpv;
    private final Projection projection;
    private final double x0;
    private final double y0;
    private final SphericalRotation rotation;
    private final CelestialFrame frame;

    private Wcs(Builder b) {
        this.lngAxis = b.lngAxis;
        this.latAxis = b.latAxis;
        this.firstAxis = Math.min(b.lngAxis, b.latAxis);
        this.secondAxis = Math.max(b.lngAxis, b.latAxis);
        this.crpix1 = b.crpix1;
        this.crpix2 = b.crpix2;
        this.m = b.m;
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        this.mInv = new double[][] {{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
        this.sip = b.sip;
        this.tpv = b.tpv;
        this.projection = b.projection;
        this.x0 = b.x0;
        this.y0 = b.y0;
        this.rotation = b.rotation;
        this.frame = b.frame;
    }

    /** The primary WCS of a header. */
    public static Wcs of(HeaderCards h) throws WcsException {
        return of(h, ' ');
    }

    /** The WCS with the given alternate letter ('A'..'Z', or ' ' for the primary one). */
    public static Wcs of(HeaderCards h, char alt) throws WcsException {
        return new Builder(h, alt == ' ' ? "" : String.valueOf(Character.toUpperCase(alt))).build();
    }

    public CelestialFrame frame() {
        return frame;
    }

    public Projection projection() {
        return projection;
    }

    /** 0-based FITS axis index of the longitude axis. */
    public int longitudeAxis() {
        return lngAxis;
    }

    /** 0-based FITS axis index of the latitude axis. */
    public int latitudeAxis() {
        return latAxis;
    }

    public boolean hasSip() {
        return sip != null;
    }

    public boolean hasTpv() {
        return tpv != null;
    }

    /**
     * Pixel (p1, p2) on the celestial pixel axes in ascending order → (lon, lat) in the header's frame, or
     * (NaN, NaN) when the pixel lies outside the projection's domain.
     */
    public double[] pixelToSky(double p1, double p2) {
        double[] w = {p1 - crpix1, p2 - crpix2};
        if (sip != null) {
            sip.forward(w);
        }
        double[] xy = {m[0][0] * w[0] + m[0][1] * w[1], m[1][0] * w[0] + m[1][1] * w[1]};
        if (tpv != null) {
            tpv.forward(xy);
        }
        double[] nat = new double[2];
        if (!projection.planeToNative(xy[0] + x0, xy[1] + y0, nat)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sky = new double[2];
        rotation.toCelestial(nat[0], nat[1], sky);
        return sky;
    }

    /** (lon, lat) in the header's frame → pixel (p1, p2), or (NaN, NaN) when it cannot be projected. */
    public double[] skyToPixel(double lon, double lat) {
        double[] nat = new double[2];
        rotation.toNative(lon, lat, nat);
        double[] xy = new double[2];
        if (!projection.nativeToPlane(nat[0], nat[1], xy)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        xy[0] -= x0;
        xy[1] -= y0;
        if (tpv != null) {
            tpv.inverse(xy);
        }
        double[] w = {mInv[0][0] * xy[0] + mInv[0][1] * xy[1], mInv[1][0] * xy[0] + mInv[1][1] * xy[1]};
        if (sip != null) {
            sip.inverse(w);
        }
        return new double[] {w[0] + crpix1, w[1] + crpix2};
    }

    /** Pixel → ICRS (α, δ). */
    public double[] pixelToIcrs(double p1, double p2) {
        double[] s = pixelToSky(p1, p2);
        return Double.isNaN(s[0]) ? s : frame.toIcrs(s[0], s[1]);
    }

    /** ICRS (α, δ) → pixel. */
    public double[] icrsToPixel(double ra, double dec) {
        double[] s = frame.fromIcrs(ra, dec);
        return skyToPixel(s[0], s[1]);
    }

    /** 0-based indices of the two celestial pixel axes, ascending. */
    public int[] celestialPixelAxes() {
        return new int[] {firstAxis, secondAxis};
    }

    /** The header reading, kept apart from the transforms it configures. */
    private static final class Builder {
        private final HeaderCards h;
        private final String alt;
        int lngAxis = -1;
        int latAxis = -1;
        double crpix1;
        double crpix2;
        double[][] m;
        SipDistortion sip;
        TpvDistortion tpv;
        Projection projection;
        double x0;
        double y0;
        SphericalRotation rotation;
        CelestialFrame frame;

        Builder(HeaderCards h, String alt) {
            this.h = h;
            this.alt = alt;
        }

        private String key(String base, int... axes) {
            StringBuilder k = new StringBuilder(base);
            for (int i = 0; i < axes.length; i++) {
                if (i > 0) {
                    k.append('_');
                }
                k.append(axes[i] + 1);
            }
            return k + alt;
        }

        Wcs build() throws WcsException {
            int n = (int) Math.max(h.number("WCSAXES" + alt, 0), h.number("NAXIS", 0));
            String lngType = null;
            String latType = null;
            for (int i = 0; i < Math.max(n, 9); i++) {
                String t = h.string(key("CTYPE", i));
                if (t == null) {
                    continue;
                }
                String c = t.toUpperCase(Locale.ROOT);
                String prefix = c.length() >= 4 ? c.substring(0, 4) : c;
                if (prefix.equals("RA--") || prefix.equals("GLON")) {
                    lngAxis = i;
                    lngType = c;
                } else if (prefix.equals("DEC-") || prefix.equals("GLAT")) {
                    latAxis = i;
                    latType = c;
                } else if (prefix.matches("[A-Z]LON|[A-Z]{2}LN") || prefix.matches("[A-Z]LAT|[A-Z]{2}LT")) {
                    throw new WcsException(key("CTYPE", i) + " = '" + t + "': only equatorial (RA/DEC) and"
                            + " galactic (GLON/GLAT) celestial axes are supported");
                }
            }
            if (lngAxis < 0 || latAxis < 0) {
                throw new WcsException("no celestial axis pair: the header needs CTYPEi" + alt + " of the form"
                        + " RA---TAN and DEC--TAN (or GLON-xxx and GLAT-xxx)");
            }
            if (lngType.startsWith("RA") != latType.startsWith("DEC")) {
                throw new WcsException("CTYPE" + (lngAxis + 1) + alt + " = '" + lngType + "' and CTYPE"
                        + (latAxis + 1) + alt + " = '" + latType + "' are not a pair");
            }
            String code = projectionCode(lngType);
            if (!code.equals(projectionCode(latType))) {
                throw new WcsException("the two celestial CTYPEs name different projections: " + lngType + ", "
                        + latType);
            }
            boolean sipSuffix = lngType.endsWith("-SIP") && latType.endsWith("-SIP");
            frame = frame(lngType.startsWith("GLON"));
            linear();
            if (sipSuffix) {
                sip = SipDistortion.of(h);
            }
            double[] pv = new double[30];
            for (int i = 0; i < pv.length; i++) {
                pv[i] = h.number("PV" + (latAxis + 1) + "_" + i + alt, Double.NaN);
            }
            if (code.equals("TPV")) {
                tpv = new TpvDistortion(TpvDistortion.coefficients(h, lngAxis + 1, alt),
                        TpvDistortion.coefficients(h, latAxis + 1, alt));
                code = "TAN";
                pv = new double[30];
                java.util.Arrays.fill(pv, Double.NaN);
            }
            projection = Projection.of(code, pv);
            // PVi_1..4 of the longitude axis override the fiducial point and poles, except under TPV where
            // they are distortion coefficients
            boolean lngPv = tpv == null;
            double phi0 = lngPv ? h.number("PV" + (lngAxis + 1) + "_1" + alt, projection.phi0()) : projection.phi0();
            double theta0 = lngPv ? h.number("PV" + (lngAxis + 1) + "_2" + alt, projection.theta0())
                    : projection.theta0();
            if (phi0 != projection.phi0() || theta0 != projection.theta0()) {
                double[] off = new double[2];
                if (!projection.nativeToPlane(phi0, theta0, off)) {
                    throw new WcsException("the fiducial point (PV" + (lngAxis + 1) + "_1, PV" + (lngAxis + 1)
                            + "_2) lies outside the " + code + " projection");
                }
                x0 = off[0];
                y0 = off[1];
            }
            double lonpole = h.number("LONPOLE" + alt,
                    lngPv ? h.number("PV" + (lngAxis + 1) + "_3" + alt, Double.NaN) : Double.NaN);
            double latpole = h.number("LATPOLE" + alt,
                    lngPv ? h.number("PV" + (lngAxis + 1) + "_4" + alt, Double.NaN) : Double.NaN);
            double crval1 = h.number(key("CRVAL", lngAxis), 0) * unitScale(lngAxis);
            double crval2 = h.number(key("CRVAL", latAxis), 0) * unitScale(latAxis);
            rotation = SphericalRotation.of(crval1, crval2, phi0, theta0, lonpole, latpole);
            return new Wcs(this);
        }

        private static String projectionCode(String ctype) throws WcsException {
            if (ctype.length() < 8 || ctype.charAt(4) != '-') {
                throw new WcsException("CTYPE '" + ctype + "' does not name a projection (expected e.g. RA---TAN)");
            }
            return ctype.substring(5, 8);
        }

        private CelestialFrame frame(boolean galactic) throws WcsException {
            if (galactic) {
                return CelestialFrame.GALACTIC;
            }
            String sys = h.string("RADESYS" + alt);
            if (sys == null) {
                sys = h.string("RADECSYS");
            }
            double equinox = h.number("EQUINOX" + alt, h.number("EPOCH", Double.NaN));
            if (sys == null) {
                sys = Double.isNaN(equinox) ? "ICRS" : equinox < 1984 ? "FK4" : "FK5";
            }
            sys = sys.trim().toUpperCase(Locale.ROOT);
            return switch (sys) {
                case "ICRS" -> CelestialFrame.ICRS;
                case "FK5" -> {
                    if (!Double.isNaN(equinox) && equinox != 2000) {
                        throw new WcsException("FK5 with EQUINOX = " + equinox
                                + " is not supported (only J2000; precess the header to J2000)");
                    }
                    yield CelestialFrame.FK5;
                }
                default -> throw new WcsException("RADESYS" + alt + " = '" + sys
                        + "' is not supported (ICRS and FK5 J2000 are)");
            };
        }

        private double unitScale(int axis) throws WcsException {
            String u = h.string(key("CUNIT", axis));
            if (u == null || u.isBlank()) {
                return 1;
            }
            return switch (u.trim().toLowerCase(Locale.ROOT)) {
                case "deg" -> 1;
                case "arcmin" -> 1 / 60.0;
                case "arcsec" -> 1 / 3600.0;
                case "mas" -> 1 / 3600000.0;
                case "rad" -> Deg.R0;
                default -> throw new WcsException(key("CUNIT", axis) + " = '" + u
                        + "' is not an angle unit (deg, arcmin, arcsec, mas, rad)");
            };
        }

        private void linear() throws WcsException {
            int[] pix = {Math.min(lngAxis, latAxis), Math.max(lngAxis, latAxis)};
            int[] world = {lngAxis, latAxis};
            crpix1 = h.number(key("CRPIX", pix[0]), 0);
            crpix2 = h.number(key("CRPIX", pix[1]), 0);
            boolean anyPc = false;
            boolean anyCd = false;
            for (int w : world) {
                for (int p : pix) {
                    anyPc |= h.has(key("PC", w, p)) || (alt.isEmpty() && h.has(pcLegacy(w, p)));
                    anyCd |= h.has(key("CD", w, p));
                }
            }
            m = new double[2][2];
            boolean crota = alt.isEmpty() && (h.has("CROTA" + (latAxis + 1)) || h.has("CROTA" + (lngAxis + 1)));
            if (anyCd && !anyPc) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        m[i][j] = h.number(key("CD", world[i], pix[j]), 0);
                    }
                }
            } else if (!anyPc && crota) {
                double rho = h.number("CROTA" + (latAxis + 1), h.number("CROTA" + (lngAxis + 1), 0));
                double c1 = cdelt(lngAxis);
                double c2 = cdelt(latAxis);
                double[][] cd = {{c1 * Deg.cos(rho), -c2 * Deg.sin(rho)}, {c1 * Deg.sin(rho), c2 * Deg.cos(rho)}};
                // cd is written for (lng, lat) pixel order; reorder the columns when lat is the first axis
                boolean swapped = latAxis < lngAxis;
                for (int i = 0; i < 2; i++) {
                    m[i][0] = swapped ? cd[i][1] : cd[i][0];
                    m[i][1] = swapped ? cd[i][0] : cd[i][1];
                }
            } else {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        double def = world[i] == pix[j] ? 1 : 0;
                        double pc = h.number(key("PC", world[i], pix[j]), alt.isEmpty()
                                ? h.number(pcLegacy(world[i], pix[j]), def) : def);
                        m[i][j] = cdelt(world[i]) * pc;
                    }
                }
            }
            for (int i = 0; i < 2; i++) {
                double s = unitScale(world[i]);
                m[i][0] *= s;
                m[i][1] *= s;
            }
            if (m[0][0] * m[1][1] - m[0][1] * m[1][0] == 0) {
                throw new WcsException("the linear transform (CD, PC/CDELT or CROTA) of the celestial axes is"
                        + " singular");
            }
        }

        private double cdelt(int axis) throws WcsException {
            return h.number(key("CDELT", axis), 1);
        }

        /** AIPS-era PC00i00j form, still read by wcslib. */
        private static String pcLegacy(int w, int p) {
            return String.format("PC%03d%03d", w + 1, p + 1);
        }
    }
}
