package org.harmonic.core.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtEngineProvider;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/**
 * The one door to DJL's PyTorch engine: offline flags, explicit engine name, class loader for
 * engine discovery, device choice.
 *
 * <p>Why each step (measured in notes-djl-offline.md):
 * <ul>
 *   <li>Without {@code ai.djl.offline} / {@code OPT_OUT_TRACKING}, the first touch of
 *       {@code Engine} calls the EC2 metadata endpoint; both must be set before that class
 *       initialises, so every DJL entry point of the project goes through here first.</li>
 *   <li>{@code Engine} discovers providers with {@code ServiceLoader} on the thread context class
 *       loader (TCCL) once, in its static initialiser, and PyTorch looks up its native-library
 *       properties through the TCCL too. Under OSGi the TCCL is not the bundle's loader, so the
 *       caller passes the loader that sees DJL; we also register the provider explicitly when
 *       discovery came up empty.</li>
 *   <li>The engine is always named: the implicit-engine APIs break under OSGi.</li>
 * </ul>
 */
public final class DjlRuntime {

    /** The engine name, always passed explicitly. */
    public static final String ENGINE = "PyTorch";

    /**
     * The environment variable that sets how many threads Harmonic may use for work it splits
     * itself (sampling sub-batches, the two halves of a training step; default: every processor).
     * libtorch itself always runs one intra-op thread ({@link #setOfflineFlags}).
     */
    public static final String THREADS_VARIABLE = "HARMONIC_THREADS";

    private static volatile Engine engine;
    /** What {@link NativeAllocator#tune()} did when the engine started; null before. */
    private static volatile NativeAllocator.Outcome allocator;

    private DjlRuntime() {
    }

    /** Sets DJL's offline and no-telemetry flags unless the user set them; idempotent. */
    public static void setOfflineFlags() {
        setNoNetworkFlags();
        // libtorch's intra-op threads: one for the whole JVM, set here once before the engine starts and
        // never changed afterwards (a global that one KNIME node toggled would change another's running
        // training). One: our models are small, a second OpenMP thread made a training step on a busy
        // 2-core machine 11.4 s instead of 1.05 s (bench/lm) and decoding ten times slower; Harmonic
        // uses more cores with Java threads instead (HARMONIC_THREADS, BatchSampler). A user who wants
        // OpenMP threads sets DJL's own property, -Dai.djl.pytorch.num_threads=N.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /**
     * DJL's offline and no-telemetry flags, unless the user set them; idempotent. Separate from
     * {@link #setOfflineFlags()} for the tokenizer, which DJL lets call home (an EC2 metadata probe)
     * without the engine ever starting.
     */
    public static void setNoNetworkFlags() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL reads OPT_OUT_TRACKING from the environment first, then from system properties.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /**
     * The thread count that {@code value} (the {@value #THREADS_VARIABLE} variable, or null) asks
     * for: 1 when unset (callers with another default check for null first). Checked before any
     * input is read, so a typo costs a second, not a training run.
     *
     * @throws HarmonicInputException when the value is not a positive whole number
     */
    public static int threads(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the fix
        }
        throw new HarmonicInputException(THREADS_VARIABLE + "='" + value + "' is not a positive whole number; set it "
                + "to the number of threads Harmonic may use (e.g. " + THREADS_VARIABLE + "=2) or unset it to use every processor");
    }

    /**
     * Threads for work Harmonic splits itself: the {@value #THREADS_VARIABLE} variable where set, otherwise the
     * machine's processors. The work's results never depend on it.
     */
    public static int defaultWorkers() {
        String value = System.getenv(THREADS_VARIABLE);
        return value == null ? Runtime.getRuntime().availableProcessors() : threads(value);
    }

    /** The PyTorch engine, initialised with this class's own loader as TCCL. */
    public static Engine engine() {
        return engine(DjlRuntime.class.getClassLoader());
    }

    /**
     * The PyTorch engine, initialised (on first call) with {@code loader} as the thread context
     * class loader, as OSGi needs: pass the loader of the bundle that embeds DJL.
     */
    public static Engine engine(ClassLoader loader) {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (DjlRuntime.class) {
            if (engine == null) {
                setOfflineFlags();
                // before libtorch's first allocation; process-wide, so once (see NativeAllocator)
                allocator = NativeAllocator.tune();
                quietCudaProbe();
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    if (!Engine.hasEngine(ENGINE)) {
                        // Discovery ran with a loader that could not see the provider (OSGi).
                        Engine.registerEngine(new PtEngineProvider());
                    }
                    engine = Engine.getEngine(ENGINE);
                } catch (RuntimeException | UnsatisfiedLinkError failure) {
                    throw nativeLibraryMissing(System.getProperty("os.name"), System.getProperty("os.arch"), failure);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
            return engine;
        }
    }

    /**
     * The error for an engine that cannot start, which in practice means that this platform's
     * native library is not on the class path: in KNIME, the platform fragment of the core bundle
     * is missing (an unsupported platform, or the extension copied without it); from the command
     * line, the pytorch-native-cpu jar of this platform. DJL's own message ("Failed to load PyTorch
     * native library") names neither.
     */
    static HarmonicInputException nativeLibraryMissing(String os, String arch, Throwable cause) {
        String osgiOs = os == null ? "?" : os.startsWith("Windows") ? "win32" : os.startsWith("Mac") ? "macosx"
                : os.toLowerCase(Locale.ROOT);
        String osgiArch = "amd64".equals(arch) ? "x86_64" : "arm64".equals(arch) ? "aarch64" : arch;
        return new HarmonicInputException("the PyTorch engine cannot start on " + os + " " + arch + ": "
                + cause.getMessage() + ". HARMONIC ships PyTorch's CPU library for Linux x86_64 and aarch64, "
                + "Windows x86_64 and macOS on Apple silicon. In KNIME, install the extension from its update site "
                + "so that the fragment org.harmonic.core.natives." + osgiOs + "." + osgiArch + " comes with it "
                + "(Help > About KNIME > Installation Details lists it); for the command line, put this platform's "
                + "ai.djl.pytorch:pytorch-native-cpu jar into lib/", cause);
    }

    /**
     * Turns off the log lines of DJL's CUDA probe, once per JVM. DJL counts GPUs through the CUDA
     * runtime every time it picks a native library or a default device, and on a machine with a CUDA
     * runtime but no usable driver (a CPU machine with a CUDA toolkit, a laptop whose driver is
     * older than the runtime) each count logs "Failed to detect GPU count: CUDA driver version is
     * insufficient ..." as a warning: in KNIME, into the console and knime.log of every node run.
     * The engine runs on the CPU as asked, and {@link #device} reports a missing GPU in its own
     * words, so the probe's lines say nothing to act on. DJL has no switch for them; its static
     * {@code logging} flag is what its own subprocess probe clears, and it is cleared here. A DJL
     * without that field (another version) keeps its logging: nothing fails.
     *
     * @return true when the probe is quiet
     */
    static boolean quietCudaProbe() {
        try {
            Class<?> probe = Class.forName("ai.djl.util.cuda.CudaUtils", true, DjlRuntime.class.getClassLoader());
            java.lang.reflect.Field logging = probe.getDeclaredField("logging");
            if (logging.getType() != boolean.class || java.lang.reflect.Modifier.isFinal(logging.getModifiers())) {
                return false;
            }
            logging.setAccessible(true);
            logging.setBoolean(null, false);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** What the allocator tuning did when the engine started (null before it started). */
    public static NativeAllocator.Outcome allocatorTuning() {
        return allocator;
    }

    /**
     * The device named by {@code spec}: {@code cpu}, {@code gpu} (the first GPU) or
     * {@code gpu:N}.
     *
     * @throws HarmonicInputException for an unknown name or a GPU that is not there
     */
    public static Device device(String spec) {
        String s = spec == null ? "cpu" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu") || s.equals("cuda") || s.startsWith("gpu:") || s.startsWith("cuda:")) {
            int id = 0;
            int colon = s.indexOf(':');
            if (colon >= 0) {
                try {
                    id = Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException ex) {
                    throw new HarmonicInputException("device '" + spec
                            + "' has no valid GPU number; write gpu, gpu:0, gpu:1, ... or cpu");
                }
            }
            Engine e = engine();
            int count = e.getGpuCount();
            if (count == 0 || !e.hasCapability(StandardCapabilities.CUDA)) {
                throw new HarmonicInputException("device '" + spec + "' was requested but the "
                        + "PyTorch engine sees no usable CUDA GPU (GPUs detected: " + count
                        + ", CUDA build of libtorch: " + e.hasCapability(StandardCapabilities.CUDA)
                        + "); choose device 'cpu', or run on a machine with an NVIDIA GPU and the "
                        + "CUDA build of the PyTorch native library (pytorch-native-cu128)");
            }
            if (id < 0 || id >= count) {
                throw new HarmonicInputException("device '" + spec + "' does not exist: this "
                        + "machine has " + count + " GPU(s), numbered 0 to " + (count - 1));
            }
            return Device.gpu(id);
        }
        throw new HarmonicInputException("device '" + spec + "' is unknown; use cpu, gpu or gpu:N");
    }

    /**
     * Seeds PyTorch's global generator (dropout, including LoRA dropout), for reproducible
     * training. Weight initialisation does not use it: it is seeded separately, in Java.
     */
    public static void seed(int seed) {
        engine().setRandomSeed(seed);
    }

    /** A new root manager of the PyTorch engine on {@code device}; the caller closes it. */
    public static NDManager newManager(Device device) {
        return engine().newBaseManager(device);
    }

    /**
     * The one autograd section of the JVM. DJL 0.35's PyTorch {@code GradientCollector} is
     * JVM-global: while one is open, opening another (in any thread) throws "A PtGradientCollector
     * is already collecting". Two trainings at once (two Fine-Tuner nodes, or a Fine-Tuner and
     * LLE, in one KNIME) therefore take turns, one optimizer step at a time, not one training at
     * a time: both progress, and a waiting one stays cancelable. Fair, so neither starves.
     */
    private static final ReentrantLock AUTOGRAD = new ReentrantLock(true);

    /** How long a waiting training sleeps between looks at its cancel flag. */
    private static final long AUTOGRAD_POLL_MILLIS = 100;

    /** A section of code on the current thread, left by {@link #close()}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Switches PyTorch's autograd recording off on this thread until the scope is closed (then
     * restores it). Grad mode is thread-local in libtorch and on by default, and DJL switches it off
     * only on the thread that initialised the engine: a training on any other thread (a KNIME
     * worker, the second of two trainings) would otherwise record its optimizer's in-place updates
     * of the weights, which PyTorch refuses ("a leaf Variable that requires grad is being used in
     * an in-place operation"). A {@code GradientCollector} switches recording on for its backward
     * passes and back off when closed.
     */
    public static Scope gradRecordingOff() {
        engine();
        boolean previous = ai.djl.pytorch.jni.JniUtils.isGradMode();
        if (previous) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
        return () -> {
            if (previous) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            }
        };
    }

    /**
     * Waits for the JVM's one autograd section (a fair lock) and holds it until the returned turn
     * is closed; every open {@code GradientCollector} must be inside one. Throws
     * {@link CanceledException} when {@code progress} is canceled (or the thread interrupted)
     * while waiting.
     */
    public static Scope autogradTurn(Progress progress) {
        try {
            while (!AUTOGRAD.tryLock(AUTOGRAD_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                progress.checkCanceled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        }
        return AUTOGRAD::unlock;
    }
}
