package org.harmonic.core.osgi;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Outside OSGi the helper is harmless: DJL loads, the caller's context loader comes back. */
class BundleEngineTest {

    @Test
    void selfCheckComputesOnTheEmbeddedEngineAndRestoresTheContextLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        String check = BundleEngine.selfCheck();
        assertTrue(check.startsWith("PyTorch 2.7.1"), check);
        assertTrue(check.endsWith("sum = 6.0"), check);
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }
}
