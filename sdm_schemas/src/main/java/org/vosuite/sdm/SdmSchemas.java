package org.vosuite.sdm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.vosuite.felis.parse.FelisFileException;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.parse.FelisReader;
import org.vosuite.felis.parse.ReadOptions;
import org.vosuite.felis.parse.ReadResult;

/** The data models this module packages (resources {@code /sdm_schemas/*.yaml}), read with felis. */
public final class SdmSchemas {
    private SdmSchemas() {
    }

    /** A packaged model, e.g. {@code "demo_dr1.yaml"}; they are validated in this module's build. */
    public static Schema model(String file) {
        try (InputStream in = SdmSchemas.class.getResourceAsStream("/sdm_schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("sdm_schemas/" + file + " is not packaged");
            }
            ReadResult r = new FelisReader(ReadOptions.DEFAULT).read(file, new InputStreamReader(in,
                    StandardCharsets.UTF_8), null);
            if (!r.ok()) {
                throw new FelisFileException(r.problems());
            }
            return r.schema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
