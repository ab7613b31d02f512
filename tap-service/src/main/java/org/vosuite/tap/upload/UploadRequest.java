package org.vosuite.tap.upload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One table of a TAP UPLOAD parameter ({@code name,param:part} or {@code name,https://...}; several separated by
 * {@code ;}): it is queried as {@code TAP_UPLOAD.name}.
 *
 * @param part the multipart part holding the table, or null
 * @param url  the URL to fetch it from, or null
 */
public record UploadRequest(String name, String part, String url) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    /** The tables of every UPLOAD value given. */
    public static List<UploadRequest> parse(List<String> values) throws UploadException {
        List<UploadRequest> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String value : values) {
            for (String item : value.split(";")) {
                if (item.isBlank()) {
                    continue;
                }
                int comma = item.indexOf(',');
                if (comma < 0) {
                    throw new UploadException("UPLOAD=" + item + " is malformed: write UPLOAD=name,param:part for a "
                            + "table in the request, or UPLOAD=name,URL");
                }
                String name = item.substring(0, comma).trim();
                String source = item.substring(comma + 1).trim();
                if (!NAME.matcher(name).matches()) {
                    throw new UploadException("the upload name '" + name + "' is not an ADQL regular identifier "
                            + "(a letter, then letters, digits or '_'; at most 63)");
                }
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    throw new UploadException("two uploads are named '" + name + "'");
                }
                String lower = source.toLowerCase(Locale.ROOT);
                if (lower.startsWith("param:")) {
                    out.add(new UploadRequest(name, source.substring(6), null));
                } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
                    out.add(new UploadRequest(name, null, source));
                } else {
                    throw new UploadException("the upload '" + name + "' comes from '" + source + "'; use "
                            + "param:PART (a part of this multipart request) or an http(s) URL");
                }
            }
        }
        return out;
    }
}
