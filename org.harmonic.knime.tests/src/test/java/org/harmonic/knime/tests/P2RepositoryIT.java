package org.harmonic.knime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** After mvn verify, update-site/target/repository is an installable p2 repository of the feature and both bundles. */
class P2RepositoryIT {

    /** The core's API: the packages the nodes may use (docs/knime.md, "The core's API"). */
    /** The jobs (api) and their vocabulary (docs/knime.md, "The core's API"). */
    private static final Set<String> CORE_API = new TreeSet<>(List.of("org.harmonic.core.api",
        "org.harmonic.core.options", "org.harmonic.core.table", "org.harmonic.core.util"));
    private static final String VERSION = System.getProperty("harmonic.osgi.version");
    private static Map<String, Element> units;

    @BeforeAll
    static void readContent() throws Exception {
        Path content = Built.repository().resolve("content.jar");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(Built.entry(content, "content.xml")));
        units = new HashMap<>();
        NodeList list = doc.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element u = (Element)list.item(i);
            units.put(u.getAttribute("id"), u);
        }
    }

    /** Required IU name → range, of one unit. */
    private static Map<String, String> requirements(Element unit) {
        Map<String, String> out = new HashMap<>();
        NodeList list = unit.getElementsByTagName("required");
        for (int i = 0; i < list.getLength(); i++) {
            Element r = (Element)list.item(i);
            out.put(r.getAttribute("namespace") + ":" + r.getAttribute("name"), r.getAttribute("range"));
        }
        return out;
    }

    @Test
    void repositoryHasMetadataFeatureAndBothBundles() throws IOException {
        Path repo = Built.repository();
        assertTrue(Files.isRegularFile(repo.resolve("content.jar")), "content metadata");
        assertTrue(Files.isRegularFile(repo.resolve("artifacts.jar")), "artifacts metadata");
        try (Stream<Path> plugins = Files.list(repo.resolve("plugins"));
                Stream<Path> features = Files.list(repo.resolve("features"))) {
            Set<String> expected = new TreeSet<>();
            for (String bsn : List.of("org.harmonic.core", "org.harmonic.knime.nodes", "org.harmonic.core.natives.linux.x86_64",
                "org.harmonic.core.natives.linux.aarch64", "org.harmonic.core.natives.win32.x86_64",
                "org.harmonic.core.natives.macosx.aarch64")) {
                expected.add(bsn + "_" + VERSION + ".jar");
            }
            assertEquals(expected, plugins.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                "exactly the two bundles and four native fragments of this build, never the KNIME stand-in");
            assertEquals(Set.of("org.harmonic.knime.feature_" + VERSION + ".jar"),
                features.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void directorListsFeatureBundlesAndCategory() throws IOException {
        String ius = Files.readString(Built.path("harmonic.p2.ius"), StandardCharsets.UTF_8);
        for (String iu : List.of("org.harmonic.core=", "org.harmonic.knime.nodes=",
            "org.harmonic.knime.feature.feature.group=", "org.harmonic.knime.feature.feature.jar=",
            "org.harmonic.core.natives.linux.x86_64=", "org.harmonic.core.natives.win32.x86_64=")) {
            assertTrue(ius.contains(iu + VERSION), iu + " in\n" + ius);
        }
        assertTrue(ius.contains(".harmonic="), "category IU in\n" + ius);
    }

    @Test
    void featureGroupRequiresExactlyTheBuiltBundlesAndKnime() {
        Element group = units.get("org.harmonic.knime.feature.feature.group");
        Map<String, String> req = requirements(group);
        String exact = "[" + VERSION + "," + VERSION + "]";
        assertEquals(exact, req.get("org.eclipse.equinox.p2.iu:org.harmonic.core"));
        assertEquals(exact, req.get("org.eclipse.equinox.p2.iu:org.harmonic.knime.nodes"));
        assertEquals("[5.4.0,6.0.0)", req.get("org.eclipse.equinox.p2.iu:org.knime.core"));
        assertEquals(VERSION, units.get("org.harmonic.core").getAttribute("version"));
        assertEquals(VERSION, units.get("org.harmonic.knime.nodes").getAttribute("version"));
    }

    @Test
    void categoryContainsTheFeature() {
        Element category = units.values().stream().filter(u -> u.getAttribute("id").endsWith(".harmonic"))
            .findFirst().orElseThrow();
        assertTrue(requirements(category).containsKey("org.eclipse.equinox.p2.iu:org.harmonic.knime.feature.feature.group"));
        assertTrue(category.getElementsByTagName("property").getLength() > 0);
    }

    @Test
    void nodesBundleIuRequiresKnimeCoreAndTheCoreBundle() {
        Map<String, String> req = requirements(units.get("org.harmonic.knime.nodes"));
        assertEquals("[5.4.0,6.0.0)", req.get("osgi.bundle:org.knime.core"));
        assertEquals("[0.1.0,1.0.0)", req.get("osgi.bundle:org.harmonic.core"));
    }

    @Test
    void coreBundleManifestExportsTheApiImportsOnlyJrePackagesAndEmbedsItsJars() throws IOException {
        Path jar = Built.plugin("org.harmonic.core");
        Manifest m = Built.manifest(jar);
        assertEquals("org.harmonic.core", m.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertEquals(VERSION, m.getMainAttributes().getValue("Bundle-Version"));
        assertNull(m.getMainAttributes().getValue("Require-Bundle"), "core requires no bundle");

        Set<String> ownPackages = new TreeSet<>();
        Set<String> embedded = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(e -> {
                String n = e.getName();
                if (n.startsWith("org/harmonic/core/") && n.endsWith(".class")) {
                    ownPackages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.'));
                } else if (n.startsWith("lib/") && n.endsWith(".jar")) {
                    embedded.add(n);
                }
            });
        }
        Set<String> expectedExports = new TreeSet<>(ownPackages);
        Map<String, String> exports = Built.clauses(m.getMainAttributes().getValue("Export-Package"));
        assertEquals(expectedExports, new TreeSet<>(exports.keySet()), "every core package, nothing of third parties");
        exports.forEach((pkg, attrs) -> {
            if (pkg.startsWith("org.harmonic.")) {
                assertTrue(attrs.contains("version=\"0.1.0\""), attrs);
            }
        });
        // the API (docs/knime.md) plainly, the engine's internals as x-internal
        Set<String> api = new TreeSet<>();
        exports.forEach((pkg, attrs) -> {
            if (!attrs.contains("x-internal:=true")) {
                api.add(pkg);
            }
        });
        assertEquals(CORE_API, api, "the core's API packages");

        // Only packages of the Java runtime (resolved by the system bundle). A new dependency that
        // references another package must exclude it in org.harmonic.core/pom.xml or be listed here.
        assertEquals(new TreeSet<>(List.of("javax.crypto", "javax.crypto.spec", "javax.imageio",
            "javax.lang.model.element", "javax.sound.sampled", "javax.tools", "javax.xml.datatype",
            "javax.xml.namespace", "javax.xml.parsers", "javax.xml.transform", "javax.xml.transform.dom",
            "javax.xml.transform.stream", "org.slf4j", "org.w3c.dom", "org.xml.sax", "sun.misc", "sun.nio.ch")),
            new TreeSet<>(Built.clauses(m.getMainAttributes().getValue("Import-Package")).keySet()));
        Built.clauses(m.getMainAttributes().getValue("Import-Package")).forEach((pkg, attrs) -> {
            // org.slf4j: KNIME's logging where KNIME exports it, the embedded copy elsewhere
            if (pkg.startsWith("sun.") || pkg.equals("org.slf4j")) {
                assertTrue(attrs.contains("resolution:=optional"), pkg + " must be optional");
            }
        });

        Set<String> classPath = new TreeSet<>(Built.clauses(m.getMainAttributes().getValue("Bundle-ClassPath")).keySet());
        assertTrue(classPath.remove("."), "own classes on the bundle class path");
        assertEquals(embedded, classPath, "every embedded jar is on Bundle-ClassPath and exists");
        for (String lib : List.of("api-", "pytorch-engine-", "jackson-databind-", "smile-core-")) {
            assertTrue(embedded.stream().anyMatch(e -> e.startsWith("lib/" + lib)), lib + " embedded: " + embedded);
        }
        // natives come from the platform fragments (NativeFragmentsIT), third-party BLAS not at all
        for (String lib : List.of("pytorch-native-cpu-", "pytorch-jni-", "tokenizers-", "javacpp-", "openblas-", "arpack-")) {
            assertTrue(embedded.stream().noneMatch(e -> e.startsWith("lib/" + lib)), lib + " not embedded: " + embedded);
        }
        assertTrue(Built.entry(jar, "ai/djl/huggingface/tokenizers/HuggingFaceTokenizer.class").length > 0,
            "the tokenizers classes are inlined (without their native folders)");
        assertEquals(Set.of(), nativeLibraries(jar), "no native library in the core bundle or its embedded jars, "
            + "except JNA's dispatch library (DJL's CUDA probe; a few hundred KB per platform)");
        // the engine only: the command line (org.harmonic.cli) and its console logger stay out of KNIME
        for (String lib : List.of("picocli-", "slf4j-simple-")) {
            assertTrue(embedded.stream().noneMatch(e -> e.startsWith("lib/" + lib)), lib + " not embedded: " + embedded);
        }
        assertTrue(ownPackages.stream().noneMatch(p -> p.endsWith(".cli") || p.endsWith(".bench")), ownPackages.toString());
    }

    /** Native libraries (.so, .dll, .dylib, .jnilib) in {@code jar} and the jars nested in it, but JNA's own. */
    private static Set<String> nativeLibraries(Path jar) throws IOException {
        Set<String> found = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var e : java.util.Collections.list(file.entries())) {
                String n = e.getName();
                if (n.endsWith(".jar")) {
                    try (var nested = new java.util.jar.JarInputStream(file.getInputStream(e))) {
                        for (java.util.zip.ZipEntry ne; (ne = nested.getNextEntry()) != null;) {
                            if (isNativeLibrary(ne.getName()) && !n.startsWith("lib/jna-")) {
                                found.add(n + "!/" + ne.getName());
                            }
                        }
                    }
                } else if (isNativeLibrary(n)) {
                    found.add(n);
                }
            }
        }
        return found;
    }

    private static boolean isNativeLibrary(String name) {
        return name.matches(".*\\.(so(\\.[0-9.]+)?|dll|dylib|jnilib)$");
    }

    @Test
    void nodesBundleManifestRequiresKnimeAndCoreAndExportsOnlyThePortPackage() throws IOException {
        Manifest m = Built.manifest(Built.plugin("org.harmonic.knime.nodes"));
        var a = m.getMainAttributes();
        assertEquals("org.harmonic.knime.nodes;singleton:=true", a.getValue("Bundle-SymbolicName"));
        assertEquals(VERSION, a.getValue("Bundle-Version"));
        assertEquals("JavaSE-17", a.getValue("Bundle-RequiredExecutionEnvironment"));
        assertEquals(Map.of("org.knime.core", "bundle-version=\"[5.4.0,6.0.0)\"",
            "org.harmonic.core", "bundle-version=\"[0.1.0,1.0.0)\""), Built.clauses(a.getValue("Require-Bundle")));
        assertEquals(Set.of("javax.swing"), Built.clauses(a.getValue("Import-Package")).keySet());
        assertEquals(Set.of("org.harmonic.knime.nodes.port"), Built.clauses(a.getValue("Export-Package")).keySet());
        assertEquals(".", a.getValue("Bundle-ClassPath"));
    }

    @Test
    void nodesBundleReferencesOnlyWhatItsManifestMakesVisible() throws Exception {
        Path jar = Built.plugin("org.harmonic.knime.nodes");
        Set<String> coreExports =
            Built.clauses(Built.manifest(Built.plugin("org.harmonic.core")).getMainAttributes().getValue("Export-Package"))
                .keySet();
        java.io.StringWriter out = new java.io.StringWriter();
        int rc = java.util.spi.ToolProvider.findFirst("jdeps").orElseThrow()
            .run(new java.io.PrintWriter(out), new java.io.PrintWriter(out), "-verbose:package", jar.toString());
        assertEquals(0, rc, out.toString());
        Set<String> referenced = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && !parts[2].equals("not") && !parts[0].endsWith(".jar")) {
                referenced.add(parts[2]);
            }
        }
        assertFalse(referenced.isEmpty(), out.toString());
        for (String p : referenced) {
            boolean visible = p.startsWith("java.") || p.equals("javax.swing") || p.startsWith("org.knime.core.")
                || p.startsWith("org.harmonic.knime.nodes") || coreExports.contains(p);
            assertTrue(visible, "the nodes bundle references " + p + ", which no Require-Bundle or Import-Package provides");
            assertTrue(!p.startsWith("org.harmonic.core") || CORE_API.contains(p), "the nodes use " + p
                + ", an internal package of the core; use the API (" + CORE_API + ") or add to it");
        }
    }
}
