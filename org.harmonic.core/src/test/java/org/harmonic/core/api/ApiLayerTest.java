package org.harmonic.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiLayerTest {

    @Test
    void noPackageOfTheEngineImportsTheApi() throws Exception {
        // the API sits above the engine (package-info): an engine package importing it would close a circle
        java.nio.file.Path main = java.nio.file.Path.of("src/main/java/org/harmonic/core");
        try (var files = java.nio.file.Files.walk(main)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getParent().endsWith("api"))
                    .filter(p -> {
                        try {
                            return java.nio.file.Files.readString(p).contains("org.harmonic.core.api.");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(String::valueOf).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
