package org.vosuite.app.demo;

import java.util.List;
import java.util.Map;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.common.votable.ServiceDescriptor.Param;
import org.vosuite.datalink.NamedQuery;
import org.vosuite.felis.model.Schema;
import org.vosuite.sdm.SdmSchemas;

/**
 * What the demo release offers beyond its tables: a light curve for every Object (a descriptor on
 * {@code demo_dr1.Object.objectId} pointing at a named DataLink query over its Sources) and the data dictionaries
 * of its schemas. A real release writes the same in its server configuration ({@code tap.descriptors},
 * {@code datalink.queries}, {@code docs.felis}).
 */
public final class DemoServices {
    private DemoServices() {
    }

    public static List<ServiceDescriptor> manifest() {
        return List.of(new ServiceDescriptor("object-lightcurve", "lightcurve", "Light curve of this object: the "
                + "fluxes of its sources in every band", "{baseUrl}/datalink/query/lightcurve", null,
                "application/x-votable+xml", List.of(Param.fromColumn("ID", "demo_dr1.Object.objectId"))));
    }

    public static Map<String, NamedQuery> queries() {
        return Map.of("lightcurve", new NamedQuery("SELECT objectId, band, midpointMjdTai, psfFlux, psfFluxErr "
                + "FROM demo_dr1.Source WHERE objectId = {ID} ORDER BY band, midpointMjdTai", "long"));
    }

    public static List<Schema> docs() {
        return List.of(SdmSchemas.model("demo_dr1.yaml"), SdmSchemas.model("ivoa_obscore.yaml"));
    }
}
