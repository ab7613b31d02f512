package org.vosuite.common.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets blocking code (a JDBC cursor on a worker thread) stream into a Vert.x response. Bytes go out in 64 KiB
 * chunks, and each chunk waits until Vert.x has written it: a slow client slows the producer instead of filling
 * the heap (back-pressure), and a client that went away turns into an IOException that stops the query.
 */
public final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private static final long WRITE_TIMEOUT_SECONDS = 300;

    private final HttpServerResponse response;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private boolean closed;
    private long written;

    public ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
    }

    /** Bytes handed to Vert.x so far; 0 means the status line can still be changed. */
    public long written() {
        return written + used;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flushChunk();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buffer.length) {
                flushChunk();
            }
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        flushChunk();
    }

    private void flushChunk() throws IOException {
        if (used == 0) {
            return;
        }
        if (closed) {
            throw new IOException("the response is closed");
        }
        Buffer chunk = Buffer.buffer(used);
        chunk.appendBytes(buffer, 0, used);
        written += used;
        used = 0;
        try {
            response.write(chunk).toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the response", e);
        } catch (ExecutionException | TimeoutException e) {
            closed = true;
            throw new IOException("the client stopped reading the response: " + e.getMessage(), e);
        }
    }

    /** Sends what is left and ends the response. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flushChunk();
        closed = true;
        response.end();
    }
}
