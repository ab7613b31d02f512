package org.vosuite.app.server;

/** The landing page at {@code /}: where everything is, until the portal arrives. */
final class HomePage {
    private HomePage() {
    }

    static String html() {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>VO suite</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:50em}code{background:#f4f4f4}</style>
                </head><body>
                <h1>VO suite</h1>
                <p>Table Access Protocol (TAP 1.1, ADQL 2.1): <a href="tap">tap</a> —
                <a href="tap/tables">tables</a>, <a href="tap/capabilities">capabilities</a>,
                <a href="tap/availability">availability</a>.</p>
                <p>Query with TOPCAT (File → Load Table → TAP, URL <code>…/tap</code>) or pyvo:</p>
                <pre>import pyvo
                tap = pyvo.dal.TAPService("http://127.0.0.1:8080/tap")
                tap.run_sync("SELECT TOP 10 objectId, coord_ra, coord_dec FROM demo_dr1.Object").to_table()</pre>
                </body></html>
                """;
    }
}
