import java.nio.file.Path;
import org.parley.chat.HistoryEntry;
import org.parley.chat.internal.history.LocalHistory;
import org.parley.identity.Identity;
import org.parley.identity.IdentityStore;

/**
 * Test helper (not shipped): prints what a client's encrypted local history holds for a search, one
 * line per entry: {@code HIT <conversation> <sender> <scheme> <text>}. Lets the plugin end-to-end test see
 * what a GUI client received and decrypted, once that client has exited (the history is single-user).
 *
 * <pre>java -cp PRODUCT_JARS HistorySearch.java PROFILE_DIR QUERY   (passphrase in $PARLEY_PASSPHRASE)</pre>
 */
public final class HistorySearch {
    public static void main(String[] args) throws Exception {
        Identity me = new IdentityStore(Path.of(args[0])).unlock(System.getenv("PARLEY_PASSPHRASE").toCharArray());
        LocalHistory history = new LocalHistory(Path.of(args[0]));
        history.open(me).get();
        for (HistoryEntry e : history.search(args[1], 100).get()) {
            if (e.kind() == HistoryEntry.Kind.MESSAGE) {
                System.out.println("HIT " + e.conversation().peer() + " " + e.message().sender() + " "
                        + e.message().schemeId() + " " + e.message().text());
            }
        }
        history.shutdown();
    }
}
