package org.vosuite.common.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkyMathTest {
    @Test
    void distanceKeepsItsDigitsAtEverySeparation() {
        // 1 microarcsecond, where the acos of a dot product is off by 1e-6 deg; rounding the inputs to radians
        // alone costs about 1e-16 rad, so the absolute error allowed is 1e-14 deg (36 picoarcseconds).
        double uas = 1e-6 / 3600;
        double dec = 20 + uas;
        assertEquals(dec - 20, SkyMath.angularDistanceDeg(10, 20, 10, dec), 1e-14);
        double ra = 359.9999999 + uas * Math.sqrt(2);
        assertEquals((ra - 359.9999999) * Math.cos(Math.toRadians(45)),
                SkyMath.angularDistanceDeg(359.9999999, -45, ra, -45), 1e-14);
        assertEquals(0.0, SkyMath.angularDistanceDeg(123, 45, 123, 45));
        double nearPole = 90 - 1e-9;
        assertEquals(2 * (90 - nearPole), SkyMath.angularDistanceDeg(0, nearPole, 180, nearPole), 3e-14);
        assertEquals(180.0, SkyMath.angularDistanceDeg(0, 0, 180, 0), 1e-12);
        assertEquals(180 - 1e-9, SkyMath.angularDistanceDeg(0, 0, 180, 1e-9), 1e-12);
        assertEquals(90.0, SkyMath.angularDistanceDeg(0, 0, 0, 90), 1e-12);
        assertEquals(60.0, SkyMath.angularDistanceDeg(0, 0, 60, 0), 1e-12);
        // ra = 0 / 360 are the same meridian.
        assertEquals(2.0, SkyMath.angularDistanceDeg(359, 0, 1, 0), 1e-12);
        assertEquals(SkyMath.angularDistanceDeg(10, 20, 30, 40), SkyMath.angularDistanceDeg(30, 40, 10, 20), 1e-13);
    }

    @Test
    void vectorsRoundTrip() {
        double[] v = SkyMath.unitVector(-30, -60);
        double[] back = SkyMath.raDec(v);
        assertEquals(330, back[0], 1e-12);
        assertEquals(-60, back[1], 1e-12);
        assertEquals(0.0, SkyMath.raDec(new double[] {1, -1e-300, 0})[0]);
        double dec = 5 + 1e-7;
        assertEquals(Math.toRadians(dec - 5), SkyMath.angle(SkyMath.unitVector(5, 5), SkyMath.unitVector(5, dec)),
                1e-16);
    }
}
