package org.harmonic.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    /** This build's machines are Linux with glibc: the tuning must take effect there, not fail silently. */
    @Test
    void tunesGlibcWhenTheEngineStarts() {
        DjlRuntime.engine();
        NativeAllocator.Outcome expected = com.sun.jna.Platform.isLinux() && !isMusl()
                ? NativeAllocator.Outcome.TUNED : NativeAllocator.Outcome.NOT_GLIBC;
        assertEquals(expected, DjlRuntime.allocatorTuning());
        assertEquals(expected, NativeAllocator.tune());
    }

    @Test
    void thePropertyTurnsItOff() {
        String before = System.getProperty(NativeAllocator.PROPERTY);
        System.setProperty(NativeAllocator.PROPERTY, "false");
        try {
            assertEquals(NativeAllocator.Outcome.DISABLED, NativeAllocator.tune());
        } finally {
            if (before == null) {
                System.clearProperty(NativeAllocator.PROPERTY);
            } else {
                System.setProperty(NativeAllocator.PROPERTY, before);
            }
        }
    }

    private static boolean isMusl() {
        return new java.io.File("/lib/ld-musl-x86_64.so.1").exists() || new java.io.File("/lib/ld-musl-aarch64.so.1").exists();
    }
}
