package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.internal.history.LocalHistory;
import org.parley.identity.ContactBook;
import org.parley.identity.IdentityStore;
import org.parley.identity.ReplayGuard;
import org.parley.identity.TrustStore;
import org.parley.protocol.Frame;

/** "Send again" for failed messages, and the messages a previous run left unsent going out after a restart. */
class ChatClientResendTest extends ChatClientTestBase {

    private static final Conversation BOB = Conversation.with("bob");

    private List<Frame.Send> sendsFrom(int from) throws Exception {
        return relay.framesFrom(from).stream().filter(Frame.Send.class::isInstance).map(Frame.Send.class::cast)
                .collect(Collectors.toList());
    }

    private List<String> statuses() {
        return eventsOf(ChatEvent.MessageStatusChanged.class).stream()
                .map(s -> s.messageId() + " " + s.status() + " " + s.detail()).collect(Collectors.toList());
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    /** Sends "hello" to bob and has it fail because the user disconnects before the relay accepts it. */
    private ChatMessage failedMessage() throws Exception {
        connectWithPeers();
        ChatMessage message = client.send(BOB, "hello", MAIN).get();
        client.disconnect();
        client.connect(RELAY, "alice");
        relay.login(List.of(bob.entry(), carol.entry()));
        return message.withStatus(ChatMessage.Status.FAILED);
    }

    @Test
    void aFailedMessageGoesOutAgainWithItsIdAndShownTimeButANewSignatureAndTime() throws Exception {
        ChatMessage failed = failedMessage();
        Frame.Send original = sendsFrom(0).get(0);
        assertTrue(statuses().contains(failed.id() + " FAILED Not confirmed by the relay before the connection ended."),
                statuses().toString());
        events.clear();
        clock.millis += 60_000;
        int before = relay.sent.size();

        ChatMessage again = client.resend(failed).get();

        assertEquals(failed.withStatus(ChatMessage.Status.SENDING), again, "same id, text, scheme and shown time");
        List<Frame.Send> sends = sendsFrom(before);
        assertEquals(1, sends.size());
        Frame.Send frame = sends.get(0);
        assertEquals(failed.id(), frame.id(), "a receiver that got the first copy drops this one");
        assertEquals(List.of("bob"), frame.to());
        assertEquals(clock.millis(), frame.cts());
        assertNotEquals(original.sig(), frame.sig());
        assertEquals(List.of(failed.id() + " SENDING sending again"), statuses());

        relay.push(new Frame.Sent(failed.id(), clock.millis(), List.of("bob")));
        assertEquals(List.of(failed.id() + " SENDING sending again", failed.id() + " SENT handed to bob"), statuses());
    }

    @Test
    void aMessageStillWaitingForTheRelayIsNotSentTwice() throws Exception {
        connectWithPeers();
        ChatMessage waiting = client.send(BOB, "hello", MAIN).get();
        events.clear();
        int before = relay.sent.size();

        assertEquals(waiting, client.resend(waiting).get());

        assertEquals(before, relay.sent.size());
        assertEquals(List.of(), statuses());
    }

    @Test
    void sendingAgainNeedsAConnectionAndLeavesTheMessageAsItWas() throws Exception {
        ChatMessage failed = failedMessage();
        client.disconnect();
        events.clear();

        Throwable offline = failure(client.resend(failed));

        assertInstanceOf(ChatException.class, offline);
        assertEquals("Not connected to a relay.", offline.getMessage());
        assertEquals(List.of(), statuses());
    }

    @Test
    void onlyTheLocalUsersOwnMessagesCanBeSentAgain() throws Exception {
        connectWithPeers();
        ChatMessage fromBob = new ChatMessage("b1", BOB, "bob", false, "hi", MAIN, clock.millis(),
                ChatMessage.Status.RECEIVED);

        Throwable refused = failure(client.resend(fromBob));

        assertEquals("Only your own messages can be sent again.", refused.getMessage());
        assertEquals(List.of(), statuses());
    }

    @Test
    void aMessageThatCannotBeSealedAnyMoreFailsWithTheReason() throws Exception {
        ChatMessage failed = failedMessage();
        ChatMessage inRemovedScheme = new ChatMessage(failed.id(), BOB, "alice", true, "hello", "gone-scheme",
                failed.timestamp(), ChatMessage.Status.FAILED);
        events.clear();
        int before = relay.sent.size();

        Throwable refused = failure(client.resend(inRemovedScheme));

        assertEquals("The encryption scheme 'gone-scheme' is not installed.", refused.getMessage());
        assertEquals(List.of(failed.id() + " FAILED The encryption scheme 'gone-scheme' is not installed."),
                statuses());
        assertEquals(before, relay.sent.size());
    }

    @Test
    void unsentMessagesOfAnEarlierRunGoOutButNotThisRunsNorTooOldOnes() throws Exception {
        connectWithPeers();
        ChatMessage thisRun = client.send(BOB, "mine, in the outbox", MAIN).get();
        relay.push(new Frame.Sent(thisRun.id(), clock.millis(), List.of("bob")));
        long now = clock.millis();
        ChatMessage earlier = new ChatMessage("earlier-run", BOB, "alice", true, "typed before a crash", MAIN,
                now - Duration.ofHours(3).toMillis(), ChatMessage.Status.SENDING);
        ChatMessage tooOld = new ChatMessage("last-month", BOB, "alice", true, "stale", MAIN,
                now - Duration.ofDays(8).toMillis(), ChatMessage.Status.SENDING);
        events.clear();
        int before = relay.sent.size();

        client.resendUnsent(List.of(tooOld, thisRun.withStatus(ChatMessage.Status.SENDING), earlier));

        assertEquals(List.of("earlier-run"), sendsFrom(before).stream().map(Frame.Send::id).toList());
        assertEquals(List.of("last-month FAILED Parley was closed before the relay accepted it, more than 7 days ago;"
                + " send it again if it still matters.", "earlier-run SENDING sending again"), statuses());
    }

    @Test
    void afterARestartWhatTheRelayNeverAcceptedGoesOutOnceLoggedIn() throws Exception {
        // first run: the history records the message as SENDING; Parley stops before the relay's "sent"
        Run first = new Run();
        first.client.connect(RELAY, "alice");
        relay.login(List.of(bob.entry()));
        ChatMessage message = first.client.send(BOB, "typed just before closing", MAIN).get();
        first.stop();

        Run second = new Run();
        int before = relay.sent.size();
        second.client.connect(RELAY, "alice");
        relay.login(List.of(bob.entry()));

        List<Frame.Send> resent = awaitSends(before, 1);
        assertEquals(message.id(), resent.get(0).id(), "the same id: a receiver that has the first copy drops it");
        assertEquals(List.of("bob"), resent.get(0).to());
        relay.push(new Frame.Sent(message.id(), clock.millis(), List.of("bob")));
        assertTrue(second.events.stream().anyMatch(e -> e instanceof ChatEvent.MessageStatusChanged s
                && s.messageId().equals(message.id()) && s.status() == ChatMessage.Status.SENT), "SENT after the restart");
        assertEquals(List.of(), awaitNoUnsent(second.history), "no longer unsent in the history");

        // a third login (reconnect) does not send it again
        int afterSent = relay.sent.size();
        second.client.disconnect();
        second.client.connect(RELAY, "alice");
        relay.login(List.of(bob.entry()));
        Thread.sleep(200);
        assertEquals(List.of(), sendsFrom(afterSent));
        second.stop();
    }

    /**
     * One run of the product's client: a client on the fixture's data directory bound to its history by
     * {@link HistoryBinding}, as {@link ChatServiceComponent} does.
     */
    private final class Run {
        final IdentityStore identities = new IdentityStore(home, FAST);
        final ChatClient client = new ChatClient(registry, relay, Runnable::run, Duration.ofSeconds(30), identities,
                new TrustStore(home.resolve(TrustStore.FILE_NAME)), new ContactBook(home.resolve(ContactBook.FILE_NAME)),
                ReplayGuard.persistent(clock, home.resolve(ReplayGuard.FILE_NAME)), clock, backoff, scheduler);
        final LocalHistory history = new LocalHistory(home);
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        HistoryBinding binding;

        Run() throws Exception {
            client.unlockIdentity(PASSPHRASE).get();
            history.open(identities.current().orElseThrow()).get();
            client.addListener(events::add);
            binding = HistoryBinding.bind(client, history);
        }

        /**
         * As the component's deactivate. The disconnect runs at once here (direct executor): had it been
         * recorded, the message would be FAILED in the history and the next run would not send it.
         */
        void stop() {
            binding.unbindAndDisconnect();
            history.shutdown();
        }
    }

    private List<Frame.Send> awaitSends(int from, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Frame.Send> sends = sendsFrom(from);
        while (sends.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            sends = sendsFrom(from);
        }
        assertEquals(count, sends.size(), "send frames after the login");
        return sends;
    }

    private static List<ChatMessage> awaitNoUnsent(LocalHistory history) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ChatMessage> unsent = history.unsent().get();
        while (!unsent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            unsent = history.unsent().get();
        }
        return unsent;
    }
}
