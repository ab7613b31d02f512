package org.vosuite.common.wcs;

/**
 * The HEALPix projection HPX (Calabretta &amp; Roukema 2007) with H = PV2_1 (default 4) facets in longitude and
 * K = PV2_2 (default 3): an equatorial band in cylindrical equal-area form and polar triangles.
 */
final class HealpixProjection extends Projection {
    private final double h;
    private final double k;
    private final boolean kOdd;

    HealpixProjection(double[] pv) throws WcsException {
        super("HPX", 0.0, 0.0);
        this.h = param(pv, 1, 4);
        this.k = param(pv, 2, 3);
        if (h <= 0 || h != Math.rint(h) || k <= 0 || k != Math.rint(k)) {
            throw new WcsException("HPX PV2_1 (H) and PV2_2 (K) must be positive integers");
        }
        this.kOdd = ((long) k) % 2 == 1;
    }

    private double facetCentre(double lon, boolean north) {
        double half = 180 / h;
        int omega = (kOdd || north) ? 0 : 1;
        double f = Math.floor((lon + 180 + omega * half) / (2 * half));
        return -180 + (2 * f + 1 - omega) * half;
    }

    @Override
    public boolean nativeToPlane(double phi, double theta, double[] out) {
        double s = Deg.sin(theta);
        if (Math.abs(s) <= (k - 1) / k) {
            out[0] = phi;
            out[1] = 90 * k / h * s;
            return true;
        }
        double sigma = Math.sqrt(k * (1 - Math.abs(s)));
        double pc = facetCentre(phi, theta > 0);
        out[0] = pc + (phi - pc) * sigma;
        out[1] = Math.signum(theta) * (180 / h) * ((k + 1) / 2 - sigma);
        return true;
    }

    @Override
    public boolean planeToNative(double x, double y, double[] out) {
        double ay = Math.abs(y);
        if (ay <= 90 * (k - 1) / h) {
            out[0] = x;
            out[1] = Deg.asin(y * h / (90 * k));
            return Math.abs(x) <= 180 + 1e-12;
        }
        double half = 180 / h;
        if (Math.abs(x) > 180 + 1e-12) {
            return false;
        }
        double sigma = (k + 1) / 2 - ay / half;
        if (sigma < -1e-13) {
            return false;
        }
        sigma = Math.max(0, sigma);
        double pc = facetCentre(x, y > 0);
        if (Math.abs(x - pc) > sigma * half + 1e-12) {
            return false;
        }
        out[0] = sigma == 0 ? pc : pc + (x - pc) / sigma;
        double t = sigma * sigma / k;
        out[1] = Math.signum(y) * Deg.atan2(1 - t, Math.sqrt(t * (2 - t)));
        return true;
    }
}
