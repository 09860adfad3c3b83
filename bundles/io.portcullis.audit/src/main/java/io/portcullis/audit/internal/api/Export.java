package io.portcullis.audit.internal.api;

import io.portcullis.web.StreamingBody;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * A chain's records within a time range as JSON Lines, oldest first, read page by page while the
 * response is written: memory stays at one page whatever the range. Parameters were checked before the
 * response started; a database failure now can only cut the body short, after the last complete line.
 */
final class Export implements StreamingBody {

    private final RecordPages pages;
    private final Chain chain;
    private final TimeRange times;

    Export(RecordPages pages, Chain chain, TimeRange times) {
        this.pages = pages;
        this.chain = chain;
        this.times = times;
    }

    @Override
    public String contentType() {
        return JsonLines.CONTENT_TYPE;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            pages.walk(chain, 0, Long.MAX_VALUE, times, record -> {
                JsonLines.write(writer, record);
                return true;
            });
        } catch (SQLException e) {
            writer.flush();
            throw new IOException("reading the audit chain failed; the export is incomplete", e);
        }
        writer.flush();
    }
}
