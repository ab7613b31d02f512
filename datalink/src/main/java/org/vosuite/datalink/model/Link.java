package org.vosuite.datalink.model;

/**
 * One row of a DataLink 1.1 links table (§3.2): exactly one of {@code accessUrl}, {@code serviceDef} and
 * {@code errorMessage} is set. {@code semantics} is a term of the core vocabulary written {@code #term}.
 */
public record Link(String id, String accessUrl, String serviceDef, String errorMessage, String description,
        String semantics, String contentType, Long contentLength, String contentQualifier, String localSemantics,
        String linkAuth, Boolean linkAuthorized) {

    /** A link to a resource: a file, a preview, another links document. */
    public static Link to(String id, String url, String semantics, String description, String contentType,
            Long contentLength, String localSemantics) {
        return new Link(id, url, null, null, description, semantics, contentType, contentLength, null,
                localSemantics, "false", null);
    }

    /** A link to a service described in the same document. */
    public static Link service(String id, String serviceDef, String semantics, String description,
            String contentType) {
        return new Link(id, null, serviceDef, null, description, semantics, contentType, null, null, null, "false",
                null);
    }

    /** An error row: the message starts with a DALI fault name ({@code NotFoundFault: …}). */
    public static Link error(String id, String semantics, String message) {
        return new Link(id, null, null, message, null, semantics, null, null, null, null, null, null);
    }
}
