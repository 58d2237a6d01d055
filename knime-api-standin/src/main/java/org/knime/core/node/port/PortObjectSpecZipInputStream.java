package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** The zip stream a serializer reads or writes; only the framework creates it. */
public class PortObjectSpecZipInputStream extends ZipInputStream {

    PortObjectSpecZipInputStream(final InputStream in) {
        super(in);
    }
}
