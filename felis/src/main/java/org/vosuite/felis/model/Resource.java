package org.vosuite.felis.model;

/** An external Felis file named in {@code resources}, whose columns tables may import with {@code columnRefs}. */
public record Resource(String name, String uri) {
}
