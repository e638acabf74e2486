import java.nio.file.Path;
import java.util.Random;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.internal.history.LocalHistory;
import org.parley.identity.Identity;
import org.parley.identity.IdentityStore;

/**
 * Benchmark fixture (not shipped): fills a client profile's encrypted history with a conversation of N
 * messages, through the same LocalHistory the client uses, so the client then opens a real 10,000-message
 * conversation. Run with the product's jars on the class path (source-file mode):
 *
 * <pre>java -cp "$(ls plugins/org.parley.*.jar plugins/com.h2database*.jar plugins/bcprov*.jar | tr '\n' :)" \
 *     SeedHistory.java PROFILE_DIR PEER COUNT   (passphrase from $PARLEY_PASSPHRASE)</pre>
 */
public final class SeedHistory {
    private static final String[] WORDS = ("the relay never sees plaintext and every message is signed by its sender "
            + "lunch tomorrow sounds good see you at noon did you verify the safety number already the build is green "
            + "again after the store rework we measured ten thousand messages per second on two cores").split(" ");

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || System.getenv("PARLEY_PASSPHRASE") == null) {
            System.err.println("usage: SeedHistory PROFILE_DIR PEER COUNT  (passphrase in $PARLEY_PASSPHRASE)");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        String peer = args[1];
        int count = Integer.parseInt(args[2]);
        IdentityStore identities = new IdentityStore(home);
        Identity me = identities.unlock(System.getenv("PARLEY_PASSPHRASE").toCharArray());
        LocalHistory history = new LocalHistory(home);
        history.open(me).get();
        Conversation conversation = Conversation.with(peer);
        Random random = new Random(42); // the same conversation every run
        long start = System.currentTimeMillis() - 30L * 24 * 3600 * 1000; // spread over the last 30 days
        long step = 30L * 24 * 3600 * 1000 / count;
        for (int i = 0; i < count; i++) {
            boolean outgoing = random.nextInt(3) == 0;
            StringBuilder text = new StringBuilder();
            for (int w = 3 + random.nextInt(25); w > 0; w--) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
            }
            ChatMessage message = new ChatMessage("seed-" + i, conversation, outgoing ? me.user() : peer, outgoing,
                    text.toString(), i % 10 == 0 ? "rsa-oaep-chunked" : "rsa-oaep-aes-gcm", start + i * step,
                    outgoing ? ChatMessage.Status.DELIVERED : ChatMessage.Status.RECEIVED);
            history.onEvent(new ChatEvent.MessageAdded(message));
        }
        int stored = history.count(conversation).get();
        history.shutdown();
        System.out.println("seeded " + stored + " entries in the conversation with " + peer);
    }
}
