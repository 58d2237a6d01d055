package org.harmonic.knime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The platform fragments of org.harmonic.core (module org.harmonic.core.natives): in the p2
 * repository with the install filter of their platform, required by the feature under the same
 * filter, unpacked on install, and holding exactly their platform's libtorch, DJL JNI and
 * tokenizers libraries under the names DJL looks for.
 */
class NativeFragmentsIT {
    private static final String VERSION = System.getProperty("harmonic.osgi.version");
    private static Document content;

    /** The fragments: OSGi's os/arch names and DJL's platform folder, with the OS's library naming. */
    enum Platform {
        LINUX_X86_64("linux", "x86_64", "linux-x86_64", "lib", ".so"),
        LINUX_AARCH64("linux", "aarch64", "linux-aarch64", "lib", ".so"),
        WIN32_X86_64("win32", "x86_64", "win-x86_64", "", ".dll"),
        MACOSX_AARCH64("macosx", "aarch64", "osx-aarch64", "lib", ".dylib");

        final String os;
        final String arch;
        final String djl;
        final String prefix;
        final String suffix;

        Platform(String os, String arch, String djl, String prefix, String suffix) {
            this.os = os;
            this.arch = arch;
            this.djl = djl;
            this.prefix = prefix;
            this.suffix = suffix;
        }

        String bsn() {
            return "org.harmonic.core.natives." + os + "." + arch;
        }

        String library(String name) {
            return prefix + name + suffix;
        }

        /** p2's filter text, as the publisher normalises Eclipse-PlatformFilter. */
        String p2Filter() {
            return "(&(osgi.arch=" + arch + ")(osgi.os=" + os + "))";
        }
    }

    @BeforeAll
    static void readContent() throws Exception {
        content = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(Built.entry(Built.repository().resolve("content.jar"), "content.xml")));
    }

    private static Element unit(String id) {
        NodeList list = content.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element u = (Element)list.item(i);
            if (u.getAttribute("id").equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + id + " in the repository's content.xml");
    }

    private static String filterOf(Element e) {
        NodeList filters = e.getElementsByTagName("filter");
        return filters.getLength() == 0 ? null : filters.item(0).getTextContent().replaceAll("\\s", "");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void p2InstallsTheFragmentOnlyOnItsPlatformAndUnpacksIt(Platform p) {
        Element unit = unit(p.bsn());
        assertEquals(VERSION, unit.getAttribute("version"));
        // the unit's own filter (its first <filter> child precedes requirements and touchpoints)
        Element own = null;
        for (org.w3c.dom.Node n = unit.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("filter")) {
                own = e;
            }
        }
        assertNotNull(own, p.bsn() + " has no install filter");
        assertEquals(p.p2Filter(), own.getTextContent().replaceAll("\\s", ""));

        boolean fragmentOfCore = false;
        NodeList provided = unit.getElementsByTagName("provided");
        for (int i = 0; i < provided.getLength(); i++) {
            Element e = (Element)provided.item(i);
            fragmentOfCore |= e.getAttribute("namespace").equals("osgi.fragment")
                && e.getAttribute("name").equals("org.harmonic.core");
        }
        assertTrue(fragmentOfCore, p.bsn() + " is published as a fragment of org.harmonic.core");

        boolean zipped = false;
        NodeList instructions = unit.getElementsByTagName("instruction");
        for (int i = 0; i < instructions.getLength(); i++) {
            Element e = (Element)instructions.item(i);
            zipped |= e.getAttribute("key").equals("zipped") && e.getTextContent().trim().equals("true");
        }
        assertTrue(zipped, p.bsn() + " is unpacked on install (Eclipse-BundleShape: dir)");

        Element requirement = null;
        NodeList required = unit("org.harmonic.knime.feature.feature.group").getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element r = (Element)required.item(i);
            if (r.getAttribute("name").equals(p.bsn())) {
                requirement = r;
            }
        }
        assertNotNull(requirement, "the feature requires " + p.bsn());
        assertEquals("[" + VERSION + "," + VERSION + "]", requirement.getAttribute("range"));
        assertEquals(p.p2Filter(), filterOf(requirement), "the feature requires " + p.bsn() + " only on its platform");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void fragmentManifestAttachesToTheCoreBundleOnItsPlatform(Platform p) throws IOException {
        Manifest m = Built.manifest(Built.plugin(p.bsn()));
        var a = m.getMainAttributes();
        assertEquals(p.bsn(), a.getValue("Bundle-SymbolicName"));
        assertEquals(VERSION, a.getValue("Bundle-Version"));
        assertEquals(Map.of("org.harmonic.core", "bundle-version=\"[" + VERSION + "," + VERSION + "]\""),
            Built.clauses(a.getValue("Fragment-Host")), "the fragment fits exactly the core bundle of its build");
        assertEquals("(& (osgi.os=" + p.os + ") (osgi.arch=" + p.arch + "))", a.getValue("Eclipse-PlatformFilter"));
        assertEquals("dir", a.getValue("Eclipse-BundleShape"));
        assertEquals(List.of(".", "lib/pytorch-native-cpu-2.7.1-" + p.djl + ".jar"),
            List.copyOf(Built.clauses(a.getValue("Bundle-ClassPath")).keySet()));
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void fragmentHoldsItsPlatformsLibrariesUnderDjlsNames(Platform p) throws IOException {
        Set<String> files = new TreeSet<>();
        Properties libtorch = new Properties();
        Set<String> nested = new TreeSet<>();
        try (JarFile jar = new JarFile(Built.plugin(p.bsn()).toFile())) {
            jar.stream().filter(e -> !e.isDirectory()).forEach(e -> files.add(e.getName()));
            ZipEntry native_ = jar.getEntry("lib/pytorch-native-cpu-2.7.1-" + p.djl + ".jar");
            assertNotNull(native_, "libtorch jar in " + files);
            try (InputStream in = jar.getInputStream(native_); JarInputStream nestedJar = new JarInputStream(in)) {
                for (ZipEntry e; (e = nestedJar.getNextEntry()) != null;) {
                    if (e.getName().equals("native/lib/pytorch.properties")) {
                        libtorch.load(nestedJar);
                    } else if (!e.isDirectory()) {
                        nested.add(e.getName());
                    }
                }
            }
        }
        // DJL reads native/lib/pytorch.properties, then copies each listed library from pytorch/cpu/<classifier>/
        assertEquals(p.djl, libtorch.getProperty("classifier"));
        assertEquals("cpu", libtorch.getProperty("flavor"));
        assertTrue(libtorch.getProperty("version", "").startsWith("2.7.1"), libtorch.toString());
        List<String> libraries = Arrays.asList(libtorch.getProperty("libraries").split(","));
        assertTrue(libraries.contains(p.library("torch_cpu")), libraries.toString());
        for (String library : libraries) {
            assertTrue(nested.contains("pytorch/cpu/" + p.djl + "/" + library), library + " in " + nested);
        }
        // DJL's JNI library and the tokenizers library, where DJL looks for them; nothing of other platforms
        assertTrue(files.contains("jnilib/pytorch.properties"), files.toString());
        assertTrue(files.contains("jnilib/" + p.djl + "/cpu/" + p.library("djl_torch")), files.toString());
        assertTrue(files.contains("native/lib/" + p.djl + "/cpu/" + p.library("tokenizers")), files.toString());
        for (String f : files) {
            boolean own = f.startsWith("META-INF/") || f.equals("jnilib/pytorch.properties")
                || f.startsWith("jnilib/" + p.djl + "/cpu/") || f.startsWith("native/lib/" + p.djl + "/cpu/")
                || f.equals("lib/pytorch-native-cpu-2.7.1-" + p.djl + ".jar");
            assertTrue(own, p.bsn() + " holds " + f + ", which is not its platform's");
        }
    }
}
