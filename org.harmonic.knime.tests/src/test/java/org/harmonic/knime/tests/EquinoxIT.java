package org.harmonic.knime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A real Eclipse Equinox with the bundles from the p2 repository (plus the KNIME stand-in as
 * org.knime.core): they resolve and start, the core runs the KNN Instruction Builder, and DJL's
 * PyTorch engine loads through OSGi class loading. One framework for the class: DJL's native
 * libraries can be loaded only once per JVM. The test class path has no DJL, Jackson or core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquinoxIT {
    private Path storage;
    private Framework framework;
    private Bundle core;
    private Bundle nodes;

    private static Framework newFramework(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework f = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        f.start();
        return f;
    }

    /** Installs by reference: the 140 MB core bundle is not copied into the framework storage. */
    private static Bundle install(BundleContext context, Path jar) throws BundleException {
        return context.installBundle("reference:" + jar.toUri());
    }

    @BeforeAll
    void start() throws Exception {
        storage = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "equinox-it");
        framework = newFramework(storage.resolve("main"));
        BundleContext context = framework.getBundleContext();
        install(context, Built.path("harmonic.standin.jar"));
        core = install(context, Built.plugin("org.harmonic.core"));
        nodes = install(context, Built.plugin("org.harmonic.knime.nodes"));
        assertTrue(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(core, nodes)),
            "core and nodes bundles resolve");
        core.start();
        nodes.start();
    }

    @AfterAll
    void stop() throws Exception {
        framework.stop();
        assertEquals(FrameworkEvent.STOPPED, framework.waitForStop(30_000).getType());
    }

    @Test
    void bundlesAreActive() {
        assertEquals(Bundle.ACTIVE, core.getState());
        assertEquals(Bundle.ACTIVE, nodes.getState());
    }

    @Test
    void coreBuildsTheReferenceInstructionsInsideOsgi() throws Exception {
        Class<?> readerClass = core.loadClass("org.harmonic.core.table.CsvTableReader");
        Object table = readerClass.getMethod("read", Path.class)
            .invoke(readerClass.getConstructor().newInstance(), Built.path("harmonic.german.csv"));
        Class<?> configClass = core.loadClass("org.harmonic.core.knn.InstructionConfig");
        Class<?> presetClass = core.loadClass("org.harmonic.core.knn.InstructionConfig$Preset");
        Object config = configClass.getMethod("of", presetClass, String.class)
            .invoke(null, presetClass.getMethod("valueOf", String.class).invoke(null, "REFERENCE"), "status");
        config = configClass.getMethod("withDescription", String.class).invoke(config, "user credit scores");
        Class<?> progressClass = core.loadClass("org.harmonic.core.util.Progress");
        Object progress = progressClass.getMethod("none").invoke(null);
        Class<?> builderClass = core.loadClass("org.harmonic.core.knn.InstructionBuilder");
        Object set = builderClass.getMethod("build", core.loadClass("org.harmonic.core.table.Table"), configClass,
            progressClass).invoke(builderClass.getConstructor().newInstance(), table, config, progress);
        List<?> training = (List<?>)set.getClass().getMethod("training").invoke(set);
        assertEquals(587, training.size());
        assertEquals(core.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader(),
            builderClass.getClassLoader());
    }

    @Test
    void djlLoadsThePyTorchEngineThroughTheBundleClassLoader() throws Exception {
        ClassLoader testLoader = Thread.currentThread().getContextClassLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.engine.Engine"),
            "DJL is not on the test class path");
        Method selfCheck = core.loadClass("org.harmonic.core.osgi.BundleEngine").getMethod("selfCheck");
        String check = (String)selfCheck.invoke(null);
        assertTrue(check.startsWith("PyTorch 2.7.1"), check);
        assertTrue(check.endsWith("sum = 6.0"), check);
        assertEquals(testLoader, Thread.currentThread().getContextClassLoader(), "caller's context loader restored");
        Class<?> engine = core.loadClass("ai.djl.engine.Engine");
        assertNotSame(testLoader, engine.getClassLoader());
        assertEquals(core.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader(), engine.getClassLoader(),
            "DJL comes from the jars embedded in the core bundle");
    }

    @Test
    void nodesBundleCreatesTheNodeModelAgainstKnimeAndCore() throws Exception {
        Class<?> factoryClass = nodes.loadClass("org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeFactory");
        Object factory = factoryClass.getConstructor().newInstance(); // reads the description XML from the bundle
        assertEquals("KNN Instruction Builder", factoryClass.getMethod("getNodeName").invoke(factory));
        Object model = factoryClass.getMethod("createNodeModel").invoke(factory);
        assertEquals("KnnInstructionBuilderNodeModel", model.getClass().getSimpleName());
        assertTrue(nodes.getEntry("plugin.xml") != null);
    }

    @Test
    void thirdPartyLibrariesStayPrivateToTheCoreBundle() {
        assertThrows(ClassNotFoundException.class, () -> nodes.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
        assertThrows(ClassNotFoundException.class, () -> nodes.loadClass("ai.djl.ndarray.NDArray"));
    }

    @Test
    void nodesBundleDoesNotResolveWithoutKnime() throws Exception {
        Framework bare = newFramework(storage.resolve("bare"));
        try {
            BundleContext context = bare.getBundleContext();
            install(context, Built.plugin("org.harmonic.core"));
            Bundle lonely = install(context, Built.plugin("org.harmonic.knime.nodes"));
            assertFalse(bare.adapt(FrameworkWiring.class).resolveBundles(List.of(lonely)));
            BundleException e = assertThrows(BundleException.class, lonely::start);
            assertTrue(e.getMessage().contains("org.knime.core"), e.getMessage());
        } finally {
            bare.stop();
            bare.waitForStop(30_000);
        }
    }
}
