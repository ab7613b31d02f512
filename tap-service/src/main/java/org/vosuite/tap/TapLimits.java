package org.vosuite.tap;

import java.time.Duration;
import org.vosuite.tap.upload.UploadLimits;

/**
 * The limits a TAP service declares in its capabilities and enforces.
 *
 * @param defaultMaxRec rows returned when the client gives no MAXREC
 * @param hardMaxRec    rows returned at most, whatever MAXREC says
 * @param syncTimeout   how long a synchronous query may run before its statement is cancelled
 * @param uploads       what TAP_UPLOAD tables may be
 */
public record TapLimits(long defaultMaxRec, long hardMaxRec, Duration syncTimeout, UploadLimits uploads) {
    public static final TapLimits DEFAULT = new TapLimits(100_000, 10_000_000, Duration.ofMinutes(10));

    public TapLimits(long defaultMaxRec, long hardMaxRec, Duration syncTimeout) {
        this(defaultMaxRec, hardMaxRec, syncTimeout, UploadLimits.DEFAULT);
    }
}
