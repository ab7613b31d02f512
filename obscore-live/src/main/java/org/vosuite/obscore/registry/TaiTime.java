package org.vosuite.obscore.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * daf_butler's times: integer nanoseconds since 1970-01-01T00:00:00 TAI. ObsCore wants UTC MJD, so the leap seconds
 * between TAI and UTC matter (37 s since 2017). Valid from 1972 (when UTC got whole leap seconds) to the end of the
 * table below; the registry's "unbounded" values (0 and 2100-01-01 TAI) are reported as such, not converted.
 */
public final class TaiTime {
    /** daf_butler's largest time, 2100-01-01T00:00:00 TAI: an unbounded end. */
    public static final long MAX_NS = LocalDateTime.of(2100, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)
            * 1_000_000_000L;

    /** UTC dates from which TAI − UTC is the given number of seconds (IERS Bulletin C; last change 2017-01-01). */
    private static final int[][] LEAPS = {
        {1972, 1, 10}, {1972, 7, 11}, {1973, 1, 12}, {1974, 1, 13}, {1975, 1, 14}, {1976, 1, 15}, {1977, 1, 16},
        {1978, 1, 17}, {1979, 1, 18}, {1980, 1, 19}, {1981, 7, 20}, {1982, 7, 21}, {1983, 7, 22}, {1985, 7, 23},
        {1988, 1, 24}, {1990, 1, 25}, {1991, 1, 26}, {1992, 7, 27}, {1993, 7, 28}, {1994, 7, 29}, {1996, 1, 30},
        {1997, 7, 31}, {1999, 1, 32}, {2006, 1, 33}, {2009, 1, 34}, {2012, 7, 35}, {2015, 7, 36}, {2017, 1, 37},
    };
    /** The UTC days (since 1970-01-01) on which each offset starts. */
    private static final long[] START_DAYS = new long[LEAPS.length];
    /** The TAI instants (ns since 1970 TAI, as TAI calendar time) at which each offset starts. */
    private static final long[] STARTS_TAI_NS = new long[LEAPS.length];

    static {
        for (int i = 0; i < LEAPS.length; i++) {
            START_DAYS[i] = LocalDate.of(LEAPS[i][0], LEAPS[i][1], 1).toEpochDay();
            STARTS_TAI_NS[i] = (START_DAYS[i] * 86_400L + LEAPS[i][2]) * 1_000_000_000L;
        }
    }

    private TaiTime() {
    }

    /** Whether a value is one of the registry's unbounded ends (or none). */
    public static boolean unbounded(long ns) {
        return ns <= 0 || ns >= MAX_NS;
    }

    /** TAI − UTC in seconds at a TAI instant. */
    static int taiMinusUtc(long taiNs) {
        return LEAPS[index(taiNs)][2];
    }

    private static int index(long taiNs) {
        if (taiNs < STARTS_TAI_NS[0]) {
            throw new IllegalArgumentException("times before 1972 are not supported (UTC had no whole leap seconds)");
        }
        int i = LEAPS.length - 1;
        while (taiNs < STARTS_TAI_NS[i]) {
            i--;
        }
        return i;
    }

    /** The UTC instant (java.time counts UTC seconds without leap seconds, as POSIX time does). */
    public static Instant toUtc(long taiNs) {
        long utcNs = taiNs - taiMinusUtc(taiNs) * 1_000_000_000L;
        return Instant.ofEpochSecond(Math.floorDiv(utcNs, 1_000_000_000L), Math.floorMod(utcNs, 1_000_000_000L));
    }

    /**
     * Modified Julian Date in UTC, as astropy's {@code Time(..., scale='tai').utc.mjd} gives it: on a day that ends
     * with a leap second the day has 86,401 seconds, and the leap second itself (23:59:60) is its last one.
     */
    public static double toUtcMjd(long taiNs) {
        int i = index(taiNs);
        long day;
        long inDayNs;
        if (i + 1 < LEAPS.length && taiNs >= STARTS_TAI_NS[i + 1] - 1_000_000_000L) { // 23:59:60
            day = START_DAYS[i + 1] - 1;
            inDayNs = 86_400_000_000_000L + taiNs - (STARTS_TAI_NS[i + 1] - 1_000_000_000L);
        } else {
            long utcNs = taiNs - LEAPS[i][2] * 1_000_000_000L;
            day = Math.floorDiv(utcNs, 86_400_000_000_000L);
            inDayNs = Math.floorMod(utcNs, 86_400_000_000_000L);
        }
        double dayLength = leapDayEnds(day) ? 86_401e9 : 86_400e9;
        return (day + 40587) + inDayNs / dayLength; // MJD 40587 = 1970-01-01
    }

    /** Whether UTC day {@code epochDay} ends with a leap second. */
    private static boolean leapDayEnds(long epochDay) {
        for (int i = 1; i < START_DAYS.length; i++) { // the first entry is where the table starts, not a leap
            if (START_DAYS[i] == epochDay + 1) {
                return true;
            }
        }
        return false;
    }

    /** The TAI nanoseconds of a TAI calendar date-time (the export files' {@code !butler_time/tai/iso}). */
    public static long fromTaiIso(String iso) {
        String t = iso.trim().replace(' ', 'T');
        int dot = t.indexOf('.');
        long nanos = 0;
        if (dot >= 0) {
            String frac = (t.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(frac);
            t = t.substring(0, dot);
        }
        long seconds = LocalDateTime.parse(t).toEpochSecond(ZoneOffset.UTC);
        return seconds * 1_000_000_000L + nanos;
    }
}
