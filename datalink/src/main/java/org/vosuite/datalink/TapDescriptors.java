package org.vosuite.datalink;

import java.util.List;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.common.votable.ServiceDescriptor.Param;
import org.vosuite.datalink.links.SodaParams;
import org.vosuite.datalink.links.LinksDocument;
import org.vosuite.soda.http.SodaRouter;

/**
 * The descriptors ObsCore results carry (DataLink §4.5, SODA §4.1): DataLink links and a generic SODA cutout, both
 * taking the row's {@code obs_publisher_did} as ID. pyvo's {@code DatalinkResults.from_result_url} and
 * {@code SodaRecordMixin.processed} find the services through these, without fetching a links document first.
 * {@code {baseUrl}} is replaced by the TAP service with the server's public URL.
 */
public final class TapDescriptors {
    public static final String OBSCORE_DID = "ivoa.ObsCore.obs_publisher_did";

    private TapDescriptors() {
    }

    /**
     * @param datalinkPrefix where DataLink is mounted, e.g. {@code /datalink}
     * @param sodaPrefix     where SODA is mounted, or null without SODA
     */
    public static List<ServiceDescriptor> obsCore(String datalinkPrefix, String sodaPrefix) {
        ServiceDescriptor links = new ServiceDescriptor("datalink-links", "links", "Links of each dataset: its "
                + "file, a preview, cutouts, related datasets", "{baseUrl}" + datalinkPrefix + "/links",
                LinksDocument.STANDARD_ID, "application/x-votable+xml;content=datalink",
                List.of(Param.fromColumn("ID", OBSCORE_DID)));
        if (sodaPrefix == null) {
            return List.of(links);
        }
        ServiceDescriptor soda = new ServiceDescriptor("soda-sync", "cutout", "Cutouts of each dataset's images",
                "{baseUrl}" + sodaPrefix + "/sync", SodaRouter.SYNC_ID, "application/fits",
                SodaParams.generic(OBSCORE_DID));
        return List.of(links, soda);
    }
}
