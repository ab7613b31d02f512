package org.vosuite.datalink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Values from a request go into ADQL only as a checked whole number or a quoted string. */
class NamedQueryTest {
    @Test
    void valuesAreCheckedBeforeTheyReachTheQuery() {
        NamedQuery byLong = new NamedQuery("SELECT * FROM s.t WHERE id = {ID}", "long");
        assertEquals("SELECT * FROM s.t WHERE id = 42", byLong.forId(" 42 "));
        assertEquals("ID must be a whole number, not '1 OR 1=1'", assertThrows(IllegalArgumentException.class,
                () -> byLong.forId("1 OR 1=1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> byLong.forId(""));
        NamedQuery byName = new NamedQuery("SELECT * FROM s.t WHERE name = {ID}", "STRING");
        assertEquals("SELECT * FROM s.t WHERE name = 'O''Brien'' OR ''1''=''1'", byName.forId("O'Brien' OR '1'='1"));
        assertThrows(IllegalArgumentException.class, () -> new NamedQuery("SELECT 1", "long"));
        assertThrows(IllegalArgumentException.class, () -> new NamedQuery("SELECT {ID}", "double"));
    }
}
