package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** The zip stream a serializer reads or writes; only the framework creates it. */
public class PortObjectZipInputStream extends ZipInputStream {

    PortObjectZipInputStream(final InputStream in) {
        super(in);
    }
}
