package org.parley.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records what a connection reports; {@link #ended} completes with "closed CODE" or "failed: MESSAGE". */
final class RecordingListener implements RelayListener {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    final List<String> ends = new CopyOnWriteArrayList<>();
    volatile CountDownLatch expected = new CountDownLatch(0);

    void expect(int count) {
        expected = new CountDownLatch(count);
    }

    @Override
    public void onText(String message) {
        texts.add(message);
        expected.countDown();
    }

    @Override
    public void onClosed(int statusCode, String reason) {
        ends.add("closed " + statusCode);
        ended.complete("closed " + statusCode);
    }

    @Override
    public void onFailure(TransportException error) {
        ends.add("failed: " + error.getMessage());
        ended.complete("failed: " + error.getMessage());
    }
}
