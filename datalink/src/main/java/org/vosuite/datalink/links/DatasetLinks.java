package org.vosuite.datalink.links;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vosuite.common.votable.ServiceDescriptor;
import org.vosuite.datalink.model.Link;
import org.vosuite.datalink.model.LinkSet;
import org.vosuite.obscore.registry.DatasetRef;
import org.vosuite.obscore.registry.DatasetRelations;
import org.vosuite.obscore.registry.RegistryReader;
import org.vosuite.soda.cutout.CutoutDomain;
import org.vosuite.soda.cutout.CutoutException;
import org.vosuite.soda.http.SodaRouter;
import org.vosuite.soda.resolve.Dataset;
import org.vosuite.soda.resolve.DatasetLocator;
import org.vosuite.soda.resolve.DatasetNotFoundException;

/**
 * The links of one dataset ID: the file ({@code #this}), a preview, SODA cutouts described with this dataset's own
 * ranges ({@code #cutout}), the datasets the Butler registry relates to it ({@code #progenitor},
 * {@code #derivation}, {@code #calibration}, each pointing at its own links document) and the release's
 * documentation. A problem with one ID becomes an error row for that ID; it never fails the others.
 */
public final class DatasetLinks {
    public static final String DATALINK_TYPE = "application/x-votable+xml;content=datalink";
    private static final int MAX_ID_LENGTH = 1000;

    private final DatasetLocator locator;
    private final String butlerRepo;

    public DatasetLinks(DatasetLocator locator, String butlerRepo) {
        this.locator = locator;
        this.butlerRepo = butlerRepo;
    }

    /**
     * @param index    the ID's position in the request, which keeps its descriptors' XML IDs unique in the document
     * @param registry a connection to the Butler registry, held for the whole request
     * @throws SQLException when the registry or ObsCore cannot be read (a service failure, not the ID's)
     */
    public LinkSet of(String id, int index, ServiceUrls urls, Connection registry) throws SQLException {
        String problem = malformed(id);
        if (problem != null) {
            return new LinkSet(List.of(Link.error(id, "#this", "UsageFault: " + problem)), List.of());
        }
        DatasetLocator.Lookup found;
        try {
            found = locator.lookup(id, registry);
        } catch (DatasetNotFoundException e) {
            return new LinkSet(List.of(Link.error(id, "#this", "NotFoundFault: " + e.getMessage())), List.of());
        }
        DatasetRef ref = found.ref();
        List<Link> links = new ArrayList<>();
        List<ServiceDescriptor> descriptors = new ArrayList<>();
        Dataset d = found.dataset();
        if (d == null) {
            links.add(Link.error(id, "#this", "NotFoundFault: " + found.missing()));
        } else {
            long size = size(d);
            String name = d.file().getFileName().toString();
            links.add(Link.to(id, urls.files() + "/" + d.datasetId() + "/" + encode(name), "#this",
                    "The " + ref.datasetType() + " file of " + describe(ref), contentType(name), size < 0 ? null
                    : size, ref.datasetType()));
            if (isFits(name)) {
                links.add(Link.to(id, urls.preview() + "/" + d.datasetId() + ".png", "#preview",
                        "A PNG preview of the image (asinh stretch)", "image/png", null, null));
                cutouts(id, index, d, urls, links, descriptors);
            }
        }
        for (DatasetRelations.Related r : DatasetRelations.of(new RegistryReader(registry), ref)) {
            String semantics = "#" + r.kind().name().toLowerCase(Locale.ROOT);
            String other = "butler://" + butlerRepo + "/" + r.dataset().uuid();
            links.add(Link.to(id, urls.links() + "?ID=" + encode(other), semantics, "Links of the "
                    + r.dataset().datasetType() + " " + describe(r.dataset()) + " (" + other + ")", DATALINK_TYPE,
                    null, r.dataset().datasetType()));
        }
        if (urls.documentation() != null) {
            links.add(Link.to(id, urls.documentation(), "#documentation", "Documentation of the data release",
                    "text/html", null, null));
        }
        return new LinkSet(links, descriptors);
    }

    /** SODA descriptors, sync and async, whose parameter ranges are this dataset's. */
    private static void cutouts(String id, int index, Dataset d, ServiceUrls urls, List<Link> links,
            List<ServiceDescriptor> descriptors) {
        if (urls.sodaSync() == null) {
            return;
        }
        CutoutDomain domain;
        try {
            domain = CutoutDomain.of(d);
        } catch (IOException | CutoutException e) {
            links.add(Link.error(id, "#cutout", "FatalFault: the file cannot be read to describe cutouts: "
                    + e.getMessage()));
            return;
        }
        List<ServiceDescriptor.Param> params = SodaParams.of(id, domain);
        String sync = "soda-sync-" + index;
        descriptors.add(new ServiceDescriptor(sync, null, "SODA cutout of this dataset, returned at once",
                urls.sodaSync(), SodaRouter.SYNC_ID, "application/fits", params));
        links.add(Link.service(id, sync, "#cutout", "A cutout of this dataset (SODA sync)", "application/fits"));
        if (urls.sodaAsync() != null) {
            String async = "soda-async-" + index;
            descriptors.add(new ServiceDescriptor(async, null, "SODA cutouts of this dataset as a UWS "
                    + "job", urls.sodaAsync(), SodaRouter.ASYNC_ID, "application/fits", params));
            links.add(Link.service(id, async, "#cutout", "Cutouts of this dataset (SODA async, UWS job)",
                    "application/fits"));
        }
    }

    /** Why an ID cannot name a dataset whatever the registry holds, or null. */
    static String malformed(String id) {
        if (id == null || id.isBlank()) {
            return "ID is empty";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "ID is longer than " + MAX_ID_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return "ID contains a control character";
            }
        }
        return null;
    }

    /** "detector=0, exposure=100, instrument=DemoCam" */
    private static String describe(DatasetRef ref) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(ref.dataId()).entrySet()) {
            s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return s.toString();
    }

    private static long size(Dataset d) {
        try {
            return Files.size(d.file());
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean isFits(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".fits") || n.endsWith(".fit") || n.endsWith(".fts") || n.endsWith(".fits.fz")
                || n.endsWith(".fz");
    }

    /** The media type of a served file, from its name. */
    public static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (isFits(n)) {
            return "application/fits";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".xml") || n.endsWith(".vot")) {
            return "application/x-votable+xml";
        }
        if (n.endsWith(".parq") || n.endsWith(".parquet")) {
            return "application/vnd.apache.parquet";
        }
        return "application/octet-stream";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
