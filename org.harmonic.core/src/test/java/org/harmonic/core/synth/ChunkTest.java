package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

class ChunkTest {

    @Test
    void thePartsRowsAddUpToTheJobsAndDifferByAtMostOne() {
        for (int total : new int[] {0, 1, 7, 700, 30_162, Integer.MAX_VALUE}) {
            for (int count : new int[] {1, 2, 3, 8, 13}) {
                long sum = 0;
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int i = 0; i < count; i++) {
                    int rows = new Chunk(i, count).rowsOf(total);
                    sum += rows;
                    min = Math.min(min, rows);
                    max = Math.max(max, rows);
                }
                assertEquals(total, sum, total + " rows in " + count + " parts");
                assertTrue(max - min <= 1, total + " rows in " + count + " parts: " + min + ".." + max);
            }
        }
    }

    @Test
    void theWholeJobKeepsItsSeedAndPartsGetDistinctOnes() {
        assertEquals(416, Chunk.WHOLE.seedOf(416));
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(new Chunk(i, 1000).seedOf(416));
        }
        assertEquals(1000, seeds.size());
        assertEquals(new Chunk(3, 8).seedOf(416), new Chunk(3, 8).seedOf(416));
        assertNotEquals(new Chunk(3, 8).seedOf(416), new Chunk(3, 8).seedOf(417));
    }

    @Test
    void parsesIOfNAndExplainsTheFormOtherwise() {
        assertEquals(new Chunk(2, 5), Chunk.parse(" 2/5 "));
        assertEquals("2/5", new Chunk(2, 5).toString());
        for (String bad : new String[] {"", "3", "a/b", "/4", "1/"}) {
            HarmonicInputException e = assertThrows(HarmonicInputException.class, () -> Chunk.parse(bad));
            assertTrue(e.getMessage().contains("I/N"), e.getMessage());
        }
        HarmonicInputException outside = assertThrows(HarmonicInputException.class, () -> Chunk.parse("4/4"));
        assertTrue(outside.getMessage().contains("0..3"), outside.getMessage());
        assertThrows(HarmonicInputException.class, () -> new Chunk(0, 0));
    }
}
