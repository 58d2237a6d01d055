package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** The zip stream a serializer reads or writes; only the framework creates it. */
public class PortObjectZipOutputStream extends ZipOutputStream {

    PortObjectZipOutputStream(final OutputStream out) {
        super(out);
    }
}
