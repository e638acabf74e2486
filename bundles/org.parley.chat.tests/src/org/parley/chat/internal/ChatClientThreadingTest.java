package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;

class ChatClientThreadingTest extends ChatClientTestBase {

    @Test
    void eventsArriveInOrderOnAServiceThreadWithARealPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            ChatClient pooled = new ChatClient(registry, relay, pool, Duration.ofSeconds(5),
                    new org.parley.identity.IdentityStore(home, FAST),
                    org.parley.identity.TrustStore.inMemory(), clock);
            pooled.unlockIdentity(PASSPHRASE).get(5, TimeUnit.SECONDS);
            List<String> threads = new CopyOnWriteArrayList<>();
            List<ChatEvent> seen = new CopyOnWriteArrayList<>();
            CountDownLatch received = new CountDownLatch(50);
            pooled.addListener(e -> {
                threads.add(Thread.currentThread().getName());
                seen.add(e);
                if (e instanceof ChatEvent.MessageAdded) {
                    received.countDown();
                }
            });
            CompletableFuture<Void> login = pooled.connect(RELAY, "alice");
            awaitSent(1);
            relay.push(new org.parley.protocol.Frame.Challenge(relay.hello().id(), relay.nonce));
            awaitSent(2);
            relay.push(new org.parley.protocol.Frame.Welcome(
                    ((org.parley.protocol.Frame.Auth) relay.lastFrame()).id(), "alice", List.of(bob.entry())));
            login.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                relay.push(deliver("m" + i, bob, false, "n" + i));
            }
            assertTrue(received.await(10, TimeUnit.SECONDS));
            List<String> texts = seen.stream().filter(ChatEvent.MessageAdded.class::isInstance)
                    .map(e -> ((ChatEvent.MessageAdded) e).message().text()).toList();
            for (int i = 0; i < 50; i++) {
                assertEquals("n" + i, texts.get(i));
            }
            assertTrue(threads.stream().noneMatch(Thread.currentThread().getName()::equals), "never the caller's thread");
            ChatMessage sent = pooled.send(Conversation.with("bob"), "hi", MAIN).get(5, TimeUnit.SECONDS);
            assertEquals("hi", sent.text());
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitSent(int frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (relay.sent.size() < frames && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(relay.sent.size() >= frames, frames + " frame(s) sent");
    }
}
