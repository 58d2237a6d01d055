package org.harmonic.build.p2;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Runs one p2 application (category publisher, director, ...) inside an Equinox framework made of
 * the p2 bundles this module copies from Maven Central. The application's {@code run(String[])}
 * is called directly, so neither Eclipse's application container nor a p2 site is needed, and the
 * build stays offline-capable (shared/notes-p2-osgi.md sections 2b and 3).
 *
 * <p>Usage: {@code java -cp classes:lib/* org.harmonic.build.p2.P2Launcher BUNDLE_DIR APP_BUNDLE
 * APP_CLASS [app arguments...]}; system property {@code p2.launcher.work} names the work
 * directory (framework storage, p2 agent data). Exit code 0 when the application returned 0.
 */
public final class P2Launcher {

    private P2Launcher() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 3) {
            System.err.println("usage: P2Launcher BUNDLE_DIR APP_BUNDLE APP_CLASS [args...]");
            System.exit(2);
        }
        System.exit(run(new File(argv[0]), argv[1], argv[2], Arrays.copyOfRange(argv, 3, argv.length)));
    }

    static int run(File bundleDir, String appBundle, String appClass, String[] appArgs) throws Exception {
        String workProperty = System.getProperty("p2.launcher.work");
        File work = workProperty != null ? new File(workProperty) : Files.createTempDirectory("p2-launcher").toFile();
        File storage = new File(work, "osgi");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.getAbsolutePath());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Keep every area inside the work directory: p2's agent data would otherwise land next to
        // the storage's parent, and Equinox without a storage writes into ~/.m2.
        config.put("osgi.instance.area", new File(work, "workspace").getAbsolutePath());
        config.put("eclipse.p2.data.area", new File(work, "p2").getAbsolutePath());
        config.put("osgi.install.area", storage.getAbsolutePath());
        // p2 uses javax.xml / org.xml.sax without importing them; Eclipse launchers set this too.
        config.put("osgi.compatibility.bootdelegation", "true");
        config.put("eclipse.ignoreApp", "true");
        config.put("osgi.noShutdown", "true");

        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            File[] jars = bundleDir.listFiles((d, n) -> n.endsWith(".jar"));
            if (jars == null || jars.length == 0) {
                throw new IllegalStateException("no bundles in " + bundleDir);
            }
            Arrays.sort(jars);
            List<Bundle> bundles = new ArrayList<>();
            for (File jar : jars) {
                try {
                    bundles.add(context.installBundle(jar.toURI().toString()));
                } catch (BundleException e) {
                    System.err.println("[p2-launcher] skipped " + jar.getName() + ": " + e.getMessage());
                }
            }
            Bundle app = null;
            for (Bundle b : bundles) {
                if (appBundle.equals(b.getSymbolicName())) {
                    app = b;
                }
                if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
                    continue;
                }
                try {
                    b.start(Bundle.START_ACTIVATION_POLICY);
                } catch (BundleException e) {
                    System.err.println("[p2-launcher] could not start " + b.getSymbolicName() + ": " + e.getMessage());
                }
            }
            for (Bundle b : bundles) {
                if (b.getState() == Bundle.STARTING) {
                    try {
                        b.start();
                    } catch (BundleException e) {
                        // lazily activated bundles start on first class load
                    }
                }
            }
            if (app == null) {
                throw new IllegalStateException("bundle " + appBundle + " not found in " + bundleDir);
            }
            Class<?> cls = app.loadClass(appClass);
            Object application = cls.getConstructor().newInstance();
            Method runMethod = cls.getMethod("run", String[].class);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(cls.getClassLoader());
            Object result;
            try {
                result = runMethod.invoke(application, (Object)appArgs);
            } finally {
                thread.setContextClassLoader(previous);
            }
            System.err.println("[p2-launcher] " + appClass + " returned " + result);
            return Integer.valueOf(0).equals(result) ? 0 : 1;
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }
}
