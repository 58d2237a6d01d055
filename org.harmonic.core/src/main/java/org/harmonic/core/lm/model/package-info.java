/**
 * The model families of the language-model engine on DJL's PyTorch engine, FP32.
 *
 * <ul>
 *   <li>{@link org.harmonic.core.lm.model.CausalLm}: load from Hugging Face-named weights
 *       ({@code load}), initialise from a seed ({@code random}), {@code forward} for training and
 *       scoring, {@code prefill}/{@code step} with a {@link org.harmonic.core.lm.model.KvCache}
 *       for decoding, LoRA ({@code applyLora}, {@code loadLora}, {@code mergeLora}), export
 *       ({@code exportWeights}, {@code exportLoraWeights}).</li>
 *   <li>{@link org.harmonic.core.lm.model.Gpt2Model} and
 *       {@link org.harmonic.core.lm.model.LlamaModel}: one weight table and one forward each.</li>
 * </ul>
 *
 * <p>Rules every op here follows (measured in notes-djl-offline.md): constants are NDArrays, never
 * {@code Number} arguments (DJL frees those scalars before backward); an op starts from an
 * activation, never from a weight, so its result joins the step's manager and not the model's;
 * axes are positive; attention is composed from matMul and softmax; FP32 only.
 */
package org.harmonic.core.lm.model;
