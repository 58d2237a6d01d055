package org.harmonic.core.lm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.harmonic.core.lm.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reason this reader exists: a BF16 checkpoint must reach DJL's PyTorch engine as FP32
 * (a BF16 NDArray aborts the JVM), and both buffer kinds the reader returns (a read-only view
 * of the mapped file for F32, a converted heap array otherwise) must be accepted by it.
 */
class DjlHandoverTest {

    @TempDir
    Path dir;

    @Test
    void bf16AndF32TensorsBecomeFp32NdArrays() {
        float[] values = {1f, -0.5f, 3.140625f, 0f, 256f, -2f};
        SafetensorsWriter.write(dir.resolve("bf16.safetensors"),
                List.of(SafetensorsWriter.tensor("w", values, 2, 3)), Dtype.BF16);
        SafetensorsWriter.write(dir.resolve("f32.safetensors"),
                List.of(SafetensorsWriter.tensor("w", values, 2, 3)), Dtype.F32);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (String file : List.of("bf16.safetensors", "f32.safetensors")) {
                try (SafetensorsReader reader = SafetensorsReader.open(dir.resolve(file))) {
                    TensorData t = reader.get("w");
                    // duplicate(): DJL copies by reading the buffer, which moves its position.
                    NDArray array = manager.create(t.data().duplicate(), new Shape(t.shape()));
                    assertEquals(DataType.FLOAT32, array.getDataType(), file);
                    assertEquals(new Shape(2, 3), array.getShape());
                    assertArrayEquals(values, array.toFloatArray(), file);
                    assertEquals(257.640625f, array.sum().getFloat(), file);
                }
            }
        }
    }
}
