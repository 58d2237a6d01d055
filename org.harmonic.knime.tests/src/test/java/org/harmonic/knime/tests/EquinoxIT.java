package org.harmonic.knime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

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
 * org.knime.core): they resolve and start, the core runs the KNN Instruction Builder, DJL's
 * PyTorch engine loads through OSGi class loading, and a tiny pipeline (instructions, fine-tuning,
 * synthesis) runs through the installed core bundle as the KNIME nodes call it. One framework for the class: DJL's native
 * libraries can be loaded only once per JVM. The test class path has no DJL, Jackson or core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquinoxIT {
    private Path storage;
    private Framework framework;
    private Bundle core;
    private Bundle nodes;
    private final Map<NativeFragmentsIT.Platform, Bundle> fragments = new java.util.EnumMap<>(NativeFragmentsIT.Platform.class);

    private static Framework newFramework(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework f = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        f.start();
        return f;
    }

    /** Installs by reference: the bundles (the Linux x86_64 fragment alone is 114 MB) are not copied into the framework storage. */
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
        // every platform's fragment, as a folder install would hold them: the framework attaches the
        // one whose Eclipse-PlatformFilter matches this machine
        for (NativeFragmentsIT.Platform p : NativeFragmentsIT.Platform.values()) {
            fragments.put(p, install(context, Built.plugin(p.bsn())));
        }
        nodes = install(context, Built.plugin("org.harmonic.knime.nodes"));
        assertTrue(framework.adapt(FrameworkWiring.class).resolveBundles(List.of(core, nodes)),
            "core and nodes bundles resolve");
        core.start();
        nodes.start();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            framework.stop();
            assertEquals(FrameworkEvent.STOPPED, framework.waitForStop(30_000).getType());
        } finally {
            // the framework storage holds the extracted native libraries (about 117 MB): every run of
            // the suite left one behind in the temporary folder
            deleteTree(storage);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
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
    void exactlyThisPlatformsNativeFragmentAttachesToTheCoreBundle() {
        String os = framework.getBundleContext().getProperty("osgi.os");
        String arch = framework.getBundleContext().getProperty("osgi.arch");
        int attached = 0;
        for (Map.Entry<NativeFragmentsIT.Platform, Bundle> f : fragments.entrySet()) {
            boolean mine = f.getKey().os.equals(os) && f.getKey().arch.equals(arch);
            assertEquals(mine ? Bundle.RESOLVED : Bundle.INSTALLED, f.getValue().getState(),
                f.getKey().bsn() + " on " + os + "/" + arch);
            attached += mine ? 1 : 0;
        }
        assertEquals(1, attached, "this test machine (" + os + "/" + arch + ") is one of the four platforms");
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
        // The build starts DJL with an empty cache (DJL_CACHE_DIR, see the pom) and offline: libtorch and
        // the JNI library can only have come from the platform fragment on the core bundle's class path.
        Path cache = Path.of(System.getenv("DJL_CACHE_DIR"));
        try (var files = Files.walk(cache)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.contains("torch_cpu")), "libtorch extracted into " + cache + ": " + names);
            assertTrue(names.stream().anyMatch(n -> n.contains("djl_torch")), "JNI library extracted: " + names);
        }
    }

    /** Calls the public method {@code name} with {@code args.length} parameters on {@code target} (a Class for statics). */
    private static Object call(final Object target, final String name, final Object... args) throws Exception {
        Class<?> type = target instanceof Class ? (Class<?>)target : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target instanceof Class ? null : target, args);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + "/" + args.length);
    }

    @Test
    void tinyPipelineFitsAndSynthesizesThroughTheCoreBundle() throws Exception {
        Class<?> bundleEngine = core.loadClass("org.harmonic.core.osgi.BundleEngine");
        Class<?> progressClass = core.loadClass("org.harmonic.core.util.Progress");
        Object none = call(progressClass, "none");
        Object table = call(core.loadClass("org.harmonic.core.table.CsvTableReader").getConstructor().newInstance(),
            "read", Built.path("harmonic.german.csv"));
        Class<?> configClass = core.loadClass("org.harmonic.core.knn.InstructionConfig");
        Class<?> presetClass = core.loadClass("org.harmonic.core.knn.InstructionConfig$Preset");
        Object config = configClass.getMethod("of", presetClass, String.class)
            .invoke(null, presetClass.getMethod("valueOf", String.class).invoke(null, "DEFAULT"), "status");
        config = call(call(config, "withDescription", "user credit scores"), "withPromptCount", 0);
        Object set = call(core.loadClass("org.harmonic.core.knn.InstructionBuilder").getConstructor().newInstance(),
            "build", table, config, none);
        List<?> examples = ((List<?>)call(set, "training")).subList(0, 16);
        Object schema = call(core.loadClass("org.harmonic.core.table.TableProfile"), "of", table, "status");
        Object training = call(call(call(core.loadClass("org.harmonic.core.lm.train.TrainingConfig"), "defaults"),
            "withEpochs", 1), "withBatchSize", 8);
        Object tiny = call(core.loadClass("org.harmonic.core.generator.DefaultGenerator$Size"), "tiny");
        Class<?> requestClass = core.loadClass("org.harmonic.core.generator.FineTuner$Request");
        Object request = null;
        for (java.lang.reflect.Constructor<?> c : requestClass.getConstructors()) {
            if (c.getParameterCount() == 7) {
                request = c.newInstance(examples, schema, call(set, "config"), null, training, "cpu", tiny);
            }
        }
        Object fitRequest = request;
        Path out = storage.resolve("generator");
        Object fineTuner = core.loadClass("org.harmonic.core.generator.FineTuner").getConstructor().newInstance();

        long start = System.nanoTime();
        Object info = call(bundleEngine, "call", (java.util.concurrent.Callable<Object>)() ->
            call(fineTuner, "fit", fitRequest, out, none));
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals("default", call(info, "baseModel"));
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "harmonic.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }

        start = System.nanoTime();
        Object synthConfig = call(core.loadClass("org.harmonic.core.synth.SynthesisConfig"), "of", 3, 5L);
        Object result = call(bundleEngine, "call", (java.util.concurrent.Callable<Object>)() -> {
            try (AutoCloseable generator = (AutoCloseable)call(core.loadClass("org.harmonic.core.generator.Generator"),
                "open", out, "cpu")) {
                return call(core.loadClass("org.harmonic.core.synth.Synthesizer").getConstructor().newInstance(),
                    "synthesize", generator, table, synthConfig, none);
            }
        });
        System.out.printf("Equinox: tiny fit on 16 instructions %.1f s, 3 rows synthesized in %.1f s%n", fitSeconds,
            (System.nanoTime() - start) / 1e9);
        Object synthetic = call(result, "table");
        assertEquals(3, call(synthetic, "rowCount"));
        assertEquals(call(table, "schema"), call(synthetic, "schema"), "the real table's columns and types");

        // the nodes' way in: the API job, called from this thread as a node's execute calls it (the job itself
        // runs the model under the core bundle's class loader), with the options of `harmonic synthesize --rows 3`
        Object cli = call(core.loadClass("org.harmonic.core.options.OptionSpec$Front"), "valueOf", "CLI");
        Object options = null;
        for (java.lang.reflect.Constructor<?> c : core.loadClass("org.harmonic.core.options.SynthesizeOptions")
            .getConstructors()) {
            if (c.getParameterCount() == 18) {
                options = c.newInstance(cli, 3, null, null, null, List.of(), null, null, null, null, null, null, null,
                    null, null, null, null, null);
            }
        }
        Object viaApi = call(core.loadClass("org.harmonic.core.api.Synthesis"), "synthesize", out, "cpu", table,
            options, 5L, none);
        assertEquals(3, call(viaApi, "accepted"));
        assertEquals(call(synthetic, "schema"), call(call(viaApi, "table"), "schema"));
    }

    @Test
    void nodesBundleCreatesTheNodeModelsAgainstKnimeAndCore() throws Exception {
        Map<String, String> factories = Map.of(
            "org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeFactory", "KNN Instruction Builder",
            "org.harmonic.knime.nodes.finetune.LlmFineTunerNodeFactory", "LLM Fine-Tuner",
            "org.harmonic.knime.nodes.synthesize.SynthesizerNodeFactory", "Synthesizer",
            "org.harmonic.knime.nodes.metrics.FidelityMetricsNodeFactory", "Fidelity Metrics",
            "org.harmonic.knime.nodes.lle.LlmEffectivenessNodeFactory", "LLM Effectiveness (LLE)",
            "org.harmonic.knime.nodes.dlt.DataLeakageTestNodeFactory", "Data Leakage Test (DLT)");
        for (Map.Entry<String, String> f : factories.entrySet()) {
            Class<?> factoryClass = nodes.loadClass(f.getKey());
            Object factory = factoryClass.getConstructor().newInstance(); // reads the description XML from the bundle
            assertEquals(f.getValue(), factoryClass.getMethod("getNodeName").invoke(factory));
            Object model = factoryClass.getMethod("createNodeModel").invoke(factory);
            assertEquals(f.getKey().replace("Factory", "Model"), model.getClass().getName());
        }
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
