package org.vosuite.common.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.common.PythonOracle;

/** Conversion factors checked against astropy.units reading the same strings as VOUnits. */
class VoUnitTest {
    @TempDir
    Path tmp;

    private static final List<String[]> PAIRS = List.of(new String[] {"deg", "arcsec"},
            new String[] {"deg", "rad"}, new String[] {"arcmin", "mas"}, new String[] {"mas", "deg"},
            new String[] {"nJy", "mJy"}, new String[] {"Jy", "W.m**-2.Hz**-1"},
            new String[] {"km/s", "m.s**-1"}, new String[] {"km.s**-1", "pc/yr"}, new String[] {"kpc", "lyr"},
            new String[] {"AU", "km"}, new String[] {"Angstrom", "nm"}, new String[] {"um", "Angstrom"},
            new String[] {"d", "s"}, new String[] {"h", "min"}, new String[] {"yr", "d"}, new String[] {"Myr", "s"},
            new String[] {"GHz", "Hz"}, new String[] {"deg**2", "sr"}, new String[] {"arcsec**2", "deg**2"},
            new String[] {"erg/s", "W"}, new String[] {"eV", "J"}, new String[] {"keV", "erg"},
            new String[] {"solMass", "kg"}, new String[] {"g.cm**-3", "kg/m**3"}, new String[] {"mW", "erg.s**-1"},
            new String[] {"10**-3.m", "mm"}, new String[] {"mas/yr", "arcsec/a"}, new String[] {"dam", "m"},
            new String[] {"Mpc", "m"}, new String[] {"G", "T"}, new String[] {"m/(s.kg)", "km/(h.g)"});

    @Test
    void factorsAgreeWithAstropy() throws Exception {
        List<String> input = new ArrayList<>();
        PAIRS.forEach(p -> input.add(p[0] + " " + p[1]));
        List<String> expected = PythonOracle.run(tmp, "from astropy import units as u",
                "apt-get install python3-astropy", """
                        out = open(sys.argv[2], 'w')
                        for line in open(sys.argv[1]):
                            a, b = line.split()
                            out.write(repr(u.Unit(a, format='vounit').to(u.Unit(b, format='vounit'))) + '\\n')
                        """, input);
        for (int i = 0; i < PAIRS.size(); i++) {
            String[] p = PAIRS.get(i);
            double want = Double.parseDouble(expected.get(i));
            double got = VoUnit.parse(p[0]).factorTo(VoUnit.parse(p[1]));
            assertEquals(want, got, Math.abs(want) * 1e-12, p[0] + " -> " + p[1]);
        }
    }

    @Test
    void incompatibleAndUnknownUnitsSayWhy() {
        VoUnit.UnitException e = assertThrows(VoUnit.UnitException.class,
                () -> VoUnit.parse("deg").factorTo(VoUnit.parse("m")));
        assertTrue(e.getMessage().contains("different quantities"), e.getMessage());
        e = assertThrows(VoUnit.UnitException.class, () -> VoUnit.parse("furlong"));
        assertTrue(e.getMessage().contains("unknown unit 'furlong'"), e.getMessage());
        e = assertThrows(VoUnit.UnitException.class, () -> VoUnit.parse("mag").factorTo(VoUnit.parse("Jy")));
        assertTrue(e.getMessage().contains("different quantities"), e.getMessage());
        assertThrows(VoUnit.UnitException.class, () -> VoUnit.parse("m/(s"));
    }
}
