package org.vosuite.obscore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;

/** TAI nanoseconds to UTC MJD, checked against astropy.time (leap seconds included). */
class TaiTimeTest {
    @TempDir
    Path tmp;

    @Test
    void utcMjdAgreesWithAstropy() throws Exception {
        List<String> isos = List.of("1972-01-01 00:00:10.000000000", "1999-06-30 12:00:00.5",
                "2016-12-31 23:59:59.000000000", "2017-01-01 00:00:36.5", "2017-01-01 00:00:36.999999999",
                "2017-01-01 00:00:37.000000001",
                "2024-11-21 07:59:07.425363958", "2025-12-03 07:59:07.425363958", "2060-01-01 00:00:00");
        List<String> input = new ArrayList<>();
        for (String iso : isos) {
            input.add(Long.toString(TaiTime.fromTaiIso(iso)));
        }
        List<String> out = PythonOracle.run(tmp, "from astropy.time import Time, TimeDelta\nimport astropy.units as u",
                "apt-get install python3-astropy", """
                        epoch = Time('1970-01-01T00:00:00', scale='tai')
                        with open(sys.argv[2], 'w') as f:
                            for line in open(sys.argv[1]):
                                ns = int(line)
                                t = epoch + TimeDelta(ns // 1000000000, ns % 1000000000 / 1e9, format='sec')
                                f.write('%s %r\\n' % (t.tai.isot, t.utc.mjd))
                        """, input);
        for (int i = 0; i < isos.size(); i++) {
            String[] parts = out.get(i).split(" ");
            assertEquals(isos.get(i).replace(' ', 'T').substring(0, 16), parts[0].substring(0, 16),
                    "the epoch is 1970-01-01 TAI");
            double want = Double.parseDouble(parts[1]);
            assertEquals(want, TaiTime.toUtcMjd(Long.parseLong(input.get(i))), 1e-9, isos.get(i));
        }
    }
}
