package org.vosuite.common.wcs;

/**
 * The rotation between native (φ, θ) and celestial (α, δ) coordinates (Paper II §2.3), fixed by the celestial
 * coordinates of the native pole (αp, δp) and the native longitude of the celestial pole φp.
 */
public record SphericalRotation(double alphaP, double deltaP, double phiP) {

    /**
     * Paper II §2.4: from the reference point (α0, δ0) at native (φ0, θ0), LONPOLE and LATPOLE (NaN when absent).
     */
    public static SphericalRotation of(double alpha0, double delta0, double phi0, double theta0, double lonpole,
            double latpole) throws WcsException {
        double phiP = Double.isNaN(lonpole) ? (delta0 >= theta0 ? phi0 : phi0 + 180) : lonpole;
        double latP = Double.isNaN(latpole) ? 90 : latpole;
        if (theta0 == 90) {
            return new SphericalRotation(alpha0, delta0, phiP);
        }
        double sthe0 = Deg.sin(theta0);
        double cthe0 = Deg.cos(theta0);
        double x = cthe0 * Deg.cos(phiP - phi0);
        double y = sthe0;
        double z = Math.hypot(x, y);
        double deltaP;
        if (z == 0) {
            if (Deg.sin(delta0) != 0) {
                throw new WcsException("CRVAL, LONPOLE and the projection's reference point are inconsistent");
            }
            deltaP = latP;
        } else {
            double r = Deg.sin(delta0) / z;
            if (Math.abs(r) > 1 + 1e-12) {
                throw new WcsException("no celestial pole fits CRVAL with LONPOLE = " + phiP);
            }
            double u = Deg.atan2(y, x);
            double v = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, r))));
            double d1 = Deg.wrap180(u + v);
            double d2 = Deg.wrap180(u - v);
            boolean ok1 = Math.abs(d1) <= 90 + 1e-12;
            boolean ok2 = Math.abs(d2) <= 90 + 1e-12;
            if (ok1 && ok2) {
                deltaP = Math.abs(d1 - latP) <= Math.abs(d2 - latP) ? d1 : d2;
            } else if (ok1) {
                deltaP = d1;
            } else if (ok2) {
                deltaP = d2;
            } else {
                throw new WcsException("no celestial pole fits CRVAL with LONPOLE = " + phiP);
            }
            deltaP = Math.max(-90, Math.min(90, deltaP));
        }
        double dphi = phi0 - phiP;
        double alphaP = alpha0 - Deg.atan2(-cthe0 * Deg.sin(dphi),
                sthe0 * Deg.cos(deltaP) - cthe0 * Deg.sin(deltaP) * Deg.cos(dphi));
        if (Math.abs(delta0) == 90) {
            alphaP = alpha0;
        }
        return new SphericalRotation(alphaP, deltaP, phiP);
    }

    /** (φ, θ) → (α in [0, 360), δ). */
    public void toCelestial(double phi, double theta, double[] out) {
        rotate(phi, theta, phiP, alphaP, out);
        out[0] = Deg.wrap360(out[0]);
    }

    /** (α, δ) → (φ in [-180, 180], θ). */
    public void toNative(double alpha, double delta, double[] out) {
        rotate(alpha, delta, alphaP, phiP, out);
        out[0] = Deg.wrap180(out[0]);
    }

    /**
     * Paper II eqs (2) and (5) are the same rotation read both ways: the pole of the other system lies at latitude
     * δp, and the longitude origin moves from {@code fromPole} to {@code toPole}.
     */
    private void rotate(double lon, double lat, double fromPole, double toPole, double[] out) {
        double dl = lon - fromPole;
        double sl = Deg.sin(lat);
        double cl = Deg.cos(lat);
        double sdp = Deg.sin(deltaP);
        double cdp = Deg.cos(deltaP);
        double cd = Deg.cos(dl);
        double x = sl * cdp - cl * sdp * cd;
        double y = -cl * Deg.sin(dl);
        double z = sl * sdp + cl * cdp * cd;
        out[0] = toPole + Deg.atan2(y, x);
        out[1] = Deg.atan2(z, Math.hypot(x, y));
    }
}
