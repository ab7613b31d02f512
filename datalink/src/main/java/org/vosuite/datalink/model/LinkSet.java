package org.vosuite.datalink.model;

import java.util.List;
import org.vosuite.common.votable.ServiceDescriptor;

/** The links of one ID and the service descriptors its {@code service_def} rows name. */
public record LinkSet(List<Link> links, List<ServiceDescriptor> descriptors) {
    public LinkSet {
        links = List.copyOf(links);
        descriptors = List.copyOf(descriptors);
    }
}
