package org.harmonic.core;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of bundled test resources. */
public final class TestData {

    private TestData() {
    }

    public static Path resource(String name) {
        URL url = TestData.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
