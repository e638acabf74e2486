package org.parley.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryService.ExportFormat;

/** The search dialog and the conversation export, against a fake history. */
class HistoryDialogsTest {

    private Display display;
    private Shell shell;
    private final FakeHistoryService history = new FakeHistoryService();
    private final List<Conversation> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        history.addMessages("bob", 30, System.currentTimeMillis());
        history.addMessages("carol", 30, System.currentTimeMillis());
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    @Test
    void searchFindsAcrossConversationsAndOpensTheResult() {
        SearchHistoryDialog dialog = new SearchHistoryDialog(shell, history, (c, activate) -> opened.add(c));
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.queryText().setText("message 12");
        dialog.queryText().notifyListeners(SWT.DefaultSelection, new Event());
        flush();
        assertEquals(List.of("message 12"), history.searches);
        assertEquals(2, dialog.results().getItemCount(), "one hit in each conversation");
        assertEquals("carol", dialog.results().getItem(0).getText(1));
        assertTrue(dialog.results().getItem(0).getText(2).endsWith("history message 12"));
        assertNull(dialog.getErrorMessage());

        dialog.results().setSelection(1);
        dialog.results().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(List.of(Conversation.with("bob")), opened);
        assertNull(dialog.getShell(), "opening a result closes the dialog");
    }

    @Test
    void searchFailuresAndEmptyQueriesAreExplained() {
        SearchHistoryDialog dialog = new SearchHistoryDialog(shell, history, (c, activate) -> opened.add(c));
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.search();
        assertEquals("Type a word to search for.", dialog.getErrorMessage());
        history.failure = "the identity is locked";
        dialog.queryText().setText("hello");
        dialog.search();
        flush();
        assertEquals("The history could not be searched: the identity is locked", dialog.getErrorMessage());
        dialog.close();
    }

    @Test
    void exportPicksTheFormatAndReportsTheOutcome() {
        assertEquals(ExportFormat.JSON, ConversationExport.formatFor("/tmp/a.JSON", 0));
        assertEquals(ExportFormat.TEXT, ConversationExport.formatFor("/tmp/a.txt", 1));
        assertEquals(ExportFormat.JSON, ConversationExport.formatFor("/tmp/a", 1));
        assertEquals("parley-everyone.txt", ConversationExport.suggestedName(Conversation.everyone()));

        Path file = Path.of("/tmp/bob.json");
        ConversationExport.Outcome ok = ConversationExport.run(history, Conversation.with("bob"), file,
                ExportFormat.JSON).join();
        assertEquals(List.of(new FakeHistoryService.ExportCall(Conversation.with("bob"), file, ExportFormat.JSON)),
                history.exports);
        assertTrue(ok.ok());
        assertTrue(ok.message().startsWith("Exported 30 entries of bob to /tmp/bob.json."), ok.message());

        history.failure = "disk full";
        ConversationExport.Outcome failed = ConversationExport.run(history, Conversation.with("bob"), file,
                ExportFormat.TEXT).join();
        assertFalse(failed.ok());
        assertEquals("The conversation with bob was not exported: disk full", failed.message());
    }

    private void flush() {
        while (display.readAndDispatch()) {
            // run the dialog's asyncExec updates
        }
    }
}
