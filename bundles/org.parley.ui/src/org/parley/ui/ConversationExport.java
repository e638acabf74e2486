package org.parley.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.parley.chat.Conversation;
import org.parley.chat.HistoryService;
import org.parley.chat.HistoryService.ExportFormat;

/**
 * Exports a conversation from the local history to a file the user chose, and words the outcome for a
 * dialog. Export writes plaintext, which the user is told.
 */
public final class ConversationExport {

    /** The file dialog's filters, in the order of {@link #formatFor}'s index. */
    public static final String[] FILTER_EXTENSIONS = {"*.txt", "*.json"};
    public static final String[] FILTER_NAMES = {"Text (*.txt)", "JSON (*.json)"};

    /** What to tell the user. */
    public record Outcome(boolean ok, String message) {
    }

    private ConversationExport() {
    }

    /** JSON for a .json file or the JSON filter, else text. */
    public static ExportFormat formatFor(String file, int filterIndex) {
        if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return ExportFormat.JSON;
        }
        if (file.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return ExportFormat.TEXT;
        }
        return filterIndex == 1 ? ExportFormat.JSON : ExportFormat.TEXT;
    }

    /** A file name to propose, e.g. "parley-bob.txt". */
    public static String suggestedName(Conversation conversation) {
        return "parley-" + (conversation.isEveryone() ? "everyone" : conversation.peer()) + ".txt";
    }

    /** Starts the export; the future completes with the outcome, never exceptionally. */
    public static CompletableFuture<Outcome> run(HistoryService history, Conversation conversation, Path file,
            ExportFormat format) {
        CompletableFuture<Integer> export;
        try {
            export = history.export(conversation, file, format);
        } catch (RuntimeException e) {
            export = CompletableFuture.failedFuture(e);
        }
        return export.handle((count, failure) -> outcome(conversation, file, count, failure));
    }

    static Outcome outcome(Conversation conversation, Path file, Integer count, Throwable failure) {
        if (failure != null) {
            return new Outcome(false, "The conversation with " + conversation.title() + " was not exported: "
                    + ConnectDialog.reason(failure));
        }
        return new Outcome(true, "Exported " + count + (count == 1 ? " entry" : " entries") + " of "
                + conversation.title() + " to " + file + ".\nThe file is not encrypted: keep it safe.");
    }
}
