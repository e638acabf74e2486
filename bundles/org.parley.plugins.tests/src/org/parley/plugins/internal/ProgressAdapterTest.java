package org.parley.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.junit.jupiter.api.Test;
import org.parley.plugins.InstallProgress;

class ProgressAdapterTest {

    private final List<String> reports = new ArrayList<>();
    private volatile boolean cancelled;
    private final InstallProgress progress = new InstallProgress() {
        @Override
        public void progress(String task, int percent) {
            reports.add(percent + " " + task);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    };

    @Test
    void subMonitorWorkBecomesPercentOfTheWholeAndTheMostSpecificTaskIsShown() {
        ProgressAdapter adapter = new ProgressAdapter(progress);
        SubMonitor sub = SubMonitor.convert(adapter, "Installing", 100);
        SubMonitor download = sub.split(60);
        download.setWorkRemaining(3);
        download.subTask("Downloading org.parley.crypto.pq");
        download.worked(1);
        download.worked(2);
        sub.split(40).done();
        assertEquals(List.of("0 Installing", "0 Downloading org.parley.crypto.pq", "20 Downloading org.parley.crypto.pq",
                "60 Downloading org.parley.crypto.pq", "100 Downloading org.parley.crypto.pq"), reports);
    }

    @Test
    void theUsersCancellationStopsTheNextSplit() {
        ProgressAdapter adapter = new ProgressAdapter(progress);
        SubMonitor sub = SubMonitor.convert(adapter, 10);
        sub.split(1);
        assertFalse(adapter.isCanceled());
        cancelled = true;
        assertTrue(adapter.isCanceled());
        assertThrows(OperationCanceledException.class, () -> sub.split(1));
    }
}
