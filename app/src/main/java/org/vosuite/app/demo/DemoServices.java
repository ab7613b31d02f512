package org.vosuite.app.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vosuite.app.server.SuiteServer;
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

    /** Everything the demo serves besides TAP. */
    public static SuiteServer.Services services(DemoRelease.DataFolder files) {
        Path repo = files.repo();
        return new SuiteServer.Services(new SuiteServer.SodaSettings(files.registryUrl(), repo, List.of(repo),
                100_000_000L), new SuiteServer.DatalinkOptions(100, null, "demo", null, queries()), manifest(),
                docs(), null, files.hips(), PORTAL);
    }

    /** The portal's catalog layer: the demo's Objects at high zoom. */
    static final SuiteServer.Portal PORTAL = new SuiteServer.Portal("demo_dr1.Object", "objectId", "coord_ra",
            "coord_dec");

    /** What a newcomer reads after the demo starts: where to look and what to run. */
    public static List<String> banner(String base) {
        return List.of("",
                "The demo release is served at " + base + "/  (the portal: sky, ADQL, DataLink, cutouts)",
                "",
                "TOPCAT:  File > Load Table > TAP, TAP URL " + base + "/tap",
                "         (ivoa.ObsCore rows have DataLink and SODA cutouts: Activation > View DataLink Table)",
                "pyvo:    import pyvo",
                "         tap = pyvo.dal.TAPService(\"" + base + "/tap\")",
                "         tap.run_sync(\"SELECT TOP 10 obs_id, s_ra, s_dec, access_url FROM ivoa.ObsCore\").to_table()",
                "         tap.run_async(\"SELECT COUNT(*) FROM demo_dr1.Source\").to_table()",
                "Aladin:  HiPS surveys at " + base + "/hips/list  (e.g. " + base + "/hips/" + DemoRelease.COLOR + ")",
                "",
                "Stop with Ctrl-C; the next `./vo demo` reuses the data and is ready in seconds.");
    }

    public static List<Schema> docs() {
        return List.of(SdmSchemas.model("demo_dr1.yaml"), SdmSchemas.model("ivoa_obscore.yaml"));
    }
}
