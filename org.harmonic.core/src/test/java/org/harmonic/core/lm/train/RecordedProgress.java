package org.harmonic.core.lm.train;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.util.Progress;

/** Progress that keeps every message and never cancels, for tests that check what a training says. */
final class RecordedProgress implements Progress {
    final List<String> messages = new ArrayList<>();

    @Override
    public void report(double fraction, String message) {
        messages.add(message);
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
