/**
 * The engine as the KNIME nodes (and any other front-end in another bundle) use it: one class per node of the method,
 * each taking the job's options ({@link org.harmonic.core.options}), tables ({@link org.harmonic.core.table}) and a
 * {@link org.harmonic.core.util.Progress}, and returning plain records. Together with those three packages this is what
 * the {@code org.harmonic.core} bundle exports as its API; everything it calls is internal and free to change.
 *
 * <ul>
 * <li>{@link org.harmonic.core.api.KnnInstructions}: the KNN Instruction Builder</li>
 * <li>{@link org.harmonic.core.api.LlmFineTuning}: the LLM Fine-Tuner, and what a generator directory says about itself</li>
 * <li>{@link org.harmonic.core.api.Synthesis}: the Synthesizer</li>
 * <li>{@link org.harmonic.core.api.FidelityMetrics}: DM, WD, CS, MLE, DCR and NRS</li>
 * <li>{@link org.harmonic.core.api.Lle}: LLM effectiveness (LLE)</li>
 * <li>{@link org.harmonic.core.api.Dlt}: the data leakage test (DLT)</li>
 * </ul>
 *
 * <p>Why four packages and not one: tables and progress are the vocabulary every engine package speaks, so they sit
 * below the engine, and the jobs call into the engine, so they sit above it: one package holding both would import the
 * engine and be imported by it (a package circle). The options are the one model of each job's settings that the
 * command line binds to as well (it runs on the plain jar, without this package), so they keep their own package.
 * Every method that loads the language model runs it under this bundle's class loader (see
 * {@code org.harmonic.core.osgi.BundleEngine}), so callers need not know DJL exists.
 */
package org.harmonic.core.api;
