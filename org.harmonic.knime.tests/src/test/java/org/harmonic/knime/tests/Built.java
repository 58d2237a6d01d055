package org.harmonic.knime.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The build outputs under test (paths passed by the pom) and manifest helpers. */
final class Built {

    private Built() {
    }

    static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    static Path repository() {
        return path("harmonic.p2.repository");
    }

    /** The one plugin jar of the repository whose file name starts with {@code bsn_}. */
    static Path plugin(String bsn) throws IOException {
        try (Stream<Path> files = Files.list(repository().resolve("plugins"))) {
            List<Path> matches = files.filter(p -> p.getFileName().toString().startsWith(bsn + "_")).toList();
            if (matches.size() != 1) {
                throw new IllegalStateException("expected one " + bsn + " jar in the repository, found " + matches);
            }
            return matches.get(0);
        }
    }

    static Manifest manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    static byte[] entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    /**
     * An OSGi header's clauses: name → the rest of the clause (attributes and directives, ""
     * when none), splitting at commas outside quotes.
     */
    static Map<String, String> clauses(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        for (String p : parts) {
            int semi = p.indexOf(';');
            out.put((semi < 0 ? p : p.substring(0, semi)).trim(), semi < 0 ? "" : p.substring(semi + 1).trim());
        }
        return out;
    }
}
