package org.parley.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;

/** Records a client's events and waits for the ones a test expects (polling, 10 s at most). */
final class Events implements ChatListener {

    private static final long WAIT_MILLIS = 10_000;
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent event) {
        events.add(event);
    }

    ChatMessage awaitMessage(Predicate<ChatMessage> wanted) throws InterruptedException {
        return await("a message", () -> received().stream().filter(wanted).findFirst().orElse(null));
    }

    void awaitStatus(String messageId, ChatMessage.Status status) throws InterruptedException {
        await("status " + status + " of " + messageId, () -> events.stream()
                .filter(e -> e instanceof ChatEvent.MessageStatusChanged s && s.messageId().equals(messageId)
                        && s.status() == status)
                .findFirst().orElse(null));
    }

    void awaitContact(String user) throws InterruptedException {
        await(user + " online", () -> presence(user, true));
    }

    void awaitGone(String user) throws InterruptedException {
        await(user + " gone", () -> presence(user, false));
    }

    String awaitNotice(Predicate<String> wanted) throws InterruptedException {
        return await("a notice", () -> events.stream()
                .filter(e -> e instanceof ChatEvent.Notice n && wanted.test(n.text()))
                .map(e -> ((ChatEvent.Notice) e).text()).findFirst().orElse(null));
    }

    long countMessages(String text) {
        return received().stream().filter(m -> m.text().equals(text)).count();
    }

    void assertNoMessageWithin(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        assertTrue(received().isEmpty(), () -> "unexpected messages: " + received());
    }

    void assertNoIncomingWithin(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        assertTrue(received().stream().allMatch(ChatMessage::outgoing), () -> "unexpected: " + received());
    }

    void assertNoMessageFrom(String user) {
        assertTrue(received().stream().noneMatch(m -> m.sender().equals(user) && !m.outgoing()),
                () -> "a message was attributed to " + user);
    }

    private List<ChatMessage> received() {
        return events.stream().filter(e -> e instanceof ChatEvent.MessageAdded)
                .map(e -> ((ChatEvent.MessageAdded) e).message()).filter(m -> !m.outgoing()).toList();
    }

    private Object presence(String user, boolean online) {
        return events.stream().filter(e -> e instanceof ChatEvent.PresenceChanged p && p.contact().user().equals(user)
                && p.online() == online).findFirst().orElse(null);
    }

    private <T> T await(String what, java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(20);
        }
        fail("timed out waiting for " + what + "; events: " + events);
        return null;
    }
}
