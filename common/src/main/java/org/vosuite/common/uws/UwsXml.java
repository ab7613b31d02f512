package org.vosuite.common.uws;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import uk.ac.starlink.votable.VOSerializer;

/** UWS 1.1 documents: a job, a job list, a job's parameters and results. */
public final class UwsXml {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NS = " xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\" "
            + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private UwsXml() {
    }

    /** ISO 8601 in UTC with milliseconds, as UWS and DALI write times. */
    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** @param jobUrl the job's URL, for result links */
    public static String job(Job j, String jobUrl) {
        StringBuilder sb = new StringBuilder(HEAD);
        sb.append("<uws:job").append(NS).append(" version=\"1.1\">\n");
        element(sb, "jobId", j.id());
        if (j.runId() != null) {
            element(sb, "runId", j.runId());
        }
        element(sb, "ownerId", j.owner());
        element(sb, "phase", j.phase().name());
        element(sb, "quote", j.quote() == null ? null : time(j.quote()));
        element(sb, "creationTime", time(j.creationTime()));
        element(sb, "startTime", j.startTime() == null ? null : time(j.startTime()));
        element(sb, "endTime", j.endTime() == null ? null : time(j.endTime()));
        element(sb, "executionDuration", Long.toString(j.executionDuration()));
        element(sb, "destruction", time(j.destruction()));
        parameters(sb, j.parameters());
        results(sb, j, jobUrl);
        if (j.phase() == ExecutionPhase.ERROR && j.error() != null) {
            sb.append("  <uws:errorSummary type=\"fatal\" hasDetail=\"true\">\n    <uws:message>")
                    .append(VOSerializer.formatText(j.error())).append("</uws:message>\n  </uws:errorSummary>\n");
        }
        sb.append("</uws:job>\n");
        return sb.toString();
    }

    public static String parameters(Job j) {
        StringBuilder sb = new StringBuilder(HEAD);
        sb.append("<uws:parameters").append(NS).append(">\n");
        parameterElements(sb, j.parameters());
        return sb.append("</uws:parameters>\n").toString();
    }

    public static String results(Job j, String jobUrl) {
        StringBuilder sb = new StringBuilder(HEAD);
        sb.append("<uws:results").append(NS).append(">\n");
        resultElements(sb, j, jobUrl);
        return sb.append("</uws:results>\n").toString();
    }

    /** @param jobsUrl the job list's URL; each job is at {@code jobsUrl/id} */
    public static String jobs(List<Job> jobs, String jobsUrl) {
        StringBuilder sb = new StringBuilder(HEAD);
        sb.append("<uws:jobs").append(NS).append(" version=\"1.1\">\n");
        for (Job j : jobs) {
            sb.append("  <uws:jobref").append(VOSerializer.formatAttribute("id", j.id()))
                    .append(VOSerializer.formatAttribute("xlink:href", jobsUrl + "/" + j.id())).append(">\n  ");
            element(sb, "phase", j.phase().name());
            if (j.runId() != null) {
                sb.append("  ");
                element(sb, "runId", j.runId());
            }
            if (j.owner() != null) {
                sb.append("  ");
                element(sb, "ownerId", j.owner());
            }
            sb.append("  ");
            element(sb, "creationTime", time(j.creationTime()));
            sb.append("  </uws:jobref>\n");
        }
        return sb.append("</uws:jobs>\n").toString();
    }

    private static void parameters(StringBuilder sb, List<Job.Parameter> ps) {
        sb.append("  <uws:parameters>\n");
        parameterElements(sb, ps);
        sb.append("  </uws:parameters>\n");
    }

    private static void parameterElements(StringBuilder sb, List<Job.Parameter> ps) {
        for (Job.Parameter p : ps) {
            sb.append("    <uws:parameter").append(VOSerializer.formatAttribute("id", p.name()))
                    .append(p.byReference() ? " byReference=\"true\"" : "").append(">")
                    .append(VOSerializer.formatText(p.value())).append("</uws:parameter>\n");
        }
    }

    private static void results(StringBuilder sb, Job j, String jobUrl) {
        sb.append("  <uws:results>\n");
        resultElements(sb, j, jobUrl);
        sb.append("  </uws:results>\n");
    }

    private static void resultElements(StringBuilder sb, Job j, String jobUrl) {
        for (Job.Result r : j.results()) {
            sb.append("    <uws:result").append(VOSerializer.formatAttribute("id", r.id()))
                    .append(" xlink:type=\"simple\"")
                    .append(VOSerializer.formatAttribute("xlink:href", jobUrl + "/results/" + r.id()))
                    .append(VOSerializer.formatAttribute("size", Long.toString(r.size())))
                    .append(VOSerializer.formatAttribute("mime-type", r.mimeType())).append("/>\n");
        }
    }

    private static void element(StringBuilder sb, String name, String value) {
        if (value == null) {
            sb.append("  <uws:").append(name).append(" xsi:nil=\"true\"/>\n");
        } else {
            sb.append("  <uws:").append(name).append(">").append(VOSerializer.formatText(value)).append("</uws:")
                    .append(name).append(">\n");
        }
    }
}
