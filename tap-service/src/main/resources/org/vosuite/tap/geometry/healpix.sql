-- HEALPix support for databases without pg_sphere (the embedded default). Spatial queries on such a database use
-- a B-tree expression index on vosuite.healpix12(ra, dec) and range predicates from the region's HEALPix coverage,
-- computed by the service in Java (org.vosuite.common.healpix), then an exact recheck.
-- The nested-scheme pixel formula follows Gorski et al. (2005); the service's Java implementation is the oracle.
CREATE SCHEMA IF NOT EXISTS vosuite;

CREATE OR REPLACE FUNCTION vosuite.healpix_nest(k integer, lon double precision, lat double precision)
RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    nside bigint := 1::bigint << k;
    z double precision := sin(radians(lat));
    za double precision := abs(z);
    tt double precision := (lon - 360.0 * floor(lon / 360.0)) / 90.0;
    face integer; ix bigint; iy bigint; jp bigint; jm bigint; ifp bigint; ifm bigint;
    ntt integer; tp double precision; tmp double precision; pix bigint := 0; b integer;
BEGIN
    IF za <= 2.0 / 3.0 THEN
        jp := floor(nside * (0.5 + tt) - nside * (z * 0.75));
        jm := floor(nside * (0.5 + tt) + nside * (z * 0.75));
        ifp := jp >> k;
        ifm := jm >> k;
        IF ifp = ifm THEN face := (ifp | 4);
        ELSIF ifp < ifm THEN face := ifp;
        ELSE face := ifm + 8;
        END IF;
        ix := jm & (nside - 1);
        iy := nside - (jp & (nside - 1)) - 1;
    ELSE
        ntt := least(3, floor(tt)::integer);
        tp := tt - ntt;
        -- sqrt(3 (1 - |z|)) written with cos(lat), which keeps its precision near the poles
        tmp := nside * cos(radians(lat)) * sqrt(3.0 / (1.0 + za));
        jp := least(nside - 1, floor(tp * tmp)::bigint);
        jm := least(nside - 1, floor((1.0 - tp) * tmp)::bigint);
        IF z >= 0 THEN
            face := ntt; ix := nside - jm - 1; iy := nside - jp - 1;
        ELSE
            face := ntt + 8; ix := jp; iy := jm;
        END IF;
    END IF;
    FOR b IN 0 .. k - 1 LOOP
        pix := pix | (((ix >> b) & 1) << (2 * b)) | (((iy >> b) & 1) << (2 * b + 1));
    END LOOP;
    RETURN (face::bigint << (2 * k)) | pix;
END $$;

CREATE OR REPLACE FUNCTION vosuite.healpix12(lon double precision, lat double precision)
RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT vosuite.healpix_nest(12, lon, lat) $$;

-- Angular distance in degrees (haversine form: accurate at small separations).
CREATE OR REPLACE FUNCTION vosuite.distance(ra1 double precision, dec1 double precision, ra2 double precision,
    dec2 double precision) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT degrees(2 * asin(least(1.0, sqrt(power(sin(radians(dec2 - dec1) / 2), 2)
        + cos(radians(dec1)) * cos(radians(dec2)) * power(sin(radians(ra2 - ra1) / 2), 2)))))
$$;
