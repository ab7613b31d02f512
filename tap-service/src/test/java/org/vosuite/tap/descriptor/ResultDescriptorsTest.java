package org.vosuite.tap.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.common.votable.ServiceDescriptor.Param;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.plan.ResultColumn;

/** Which descriptors a result gets, and the FIELD IDs their refs name. */
class ResultDescriptorsTest {
    private static ResultColumn column(String table, String name) {
        TapColumn c = new TapColumn(name, "char", "*", null, null, null, null, null, false, false, false, null);
        return new ResultColumn(name, null, table == null ? null : c, table, null);
    }

    private static final ServiceDescriptor LINKS = new ServiceDescriptor("links", null, null,
            "{baseUrl}/datalink/links", "ivo://ivoa.net/std/DataLink#links-1.1", null, List.of(Param.fromColumn("ID",
            "ivoa.ObsCore.obs_publisher_did")));
    private static final ServiceDescriptor PAIR = new ServiceDescriptor("pair", null, null, "{baseUrl}/pair", null,
            null, List.of(Param.fromColumn("A", "s.t.a"), Param.fromColumn("B", "s.t.b"), Param.fixed("F", "1")));

    @Test
    void descriptorsFollowTheColumnsAResultSelects() {
        ResultDescriptors d = new ResultDescriptors(List.of(LINKS, PAIR), () -> "https://data.example.org/api");
        // selected under another case and an alias: the published column is what counts
        ResultDescriptors.Attached a = d.attach(List.of(column(null, "x"), column("ivoa.obscore",
                "OBS_PUBLISHER_DID")));
        assertEquals(Map.of(1, "ivoa_ObsCore_obs_publisher_did"), a.fieldIds());
        assertEquals(1, a.descriptors().size());
        String xml = a.descriptors().get(0).toXml();
        assertTrue(xml.contains("value=\"https://data.example.org/api/datalink/links\""), xml);
        assertTrue(xml.contains("<PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" value=\"\" "
                + "ref=\"ivoa_ObsCore_obs_publisher_did\"/>"), xml);
        // both columns needed: one is not enough; a computed column has no origin
        assertEquals(0, d.attach(List.of(column("s.t", "a"), column(null, "b"))).descriptors().size());
        ResultDescriptors.Attached both = d.attach(List.of(column("s.t", "b"), column("s.t", "a"),
                column("s.t", "a")));
        assertEquals(Map.of(0, "s_t_b", 1, "s_t_a"), both.fieldIds(), "the first of a column selected twice");
        assertTrue(both.descriptors().get(0).toXml().contains("<PARAM name=\"F\" datatype=\"char\" arraysize=\"*\" "
                + "value=\"1\"/>"));
        assertEquals(0, ResultDescriptors.NONE.attach(List.of(column("s.t", "a"))).descriptors().size());
    }
}
