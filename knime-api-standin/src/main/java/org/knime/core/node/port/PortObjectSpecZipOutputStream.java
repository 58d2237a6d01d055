package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** The zip stream a serializer reads or writes; only the framework creates it. */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {

    PortObjectSpecZipOutputStream(final OutputStream out) {
        super(out);
    }
}
