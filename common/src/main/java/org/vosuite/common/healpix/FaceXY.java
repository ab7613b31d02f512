package org.vosuite.common.healpix;

/**
 * A nested pixel as its base face (0-11) and integer coordinates inside the face, each in [0, nside). x grows
 * towards the face's north-east edge and y towards its north-west edge, as in Górski et al. (2005).
 */
public record FaceXY(int face, int x, int y) {
}
