package org.vosuite.common.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.vosuite.common.votable.VoTableDocument;

/**
 * DALI error responses, sent whole. When part of a response has already gone out (a stream failed half-way), no
 * status can be sent any more: the connection is reset so the client cannot take a truncated answer for a whole one.
 */
public final class DaliErrors {
    private DaliErrors() {
    }

    /** A text/plain error document (SODA, files): the message starts with its DALI error name. */
    public static void text(RoutingContext ctx, int status, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    /** A VOTable error document (QUERY_STATUS ERROR), for services that answer VOTables (TAP, DataLink). */
    public static void voTable(RoutingContext ctx, int status, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            VoTableDocument.error(message, buf);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/x-votable+xml")
                .end(Buffer.buffer(buf.toByteArray()));
    }
}
