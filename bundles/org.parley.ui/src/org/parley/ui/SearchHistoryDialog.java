package org.parley.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService;

/**
 * Full-text search across the local history of every conversation (on this computer only); opening a
 * result opens its conversation.
 *
 * <h3>Threading</h3>
 * UI thread; the search runs on the history service's threads and reports back through
 * {@code Display.asyncExec}.
 */
public final class SearchHistoryDialog extends TitleAreaDialog {

    static final int LIMIT = 200;
    static final int OPEN_ID = IDialogConstants.CLIENT_ID + 1;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final HistoryService history;
    private final ConversationOpener opener;
    private Text query;
    private Table results;
    private List<HistoryEntry> entries = List.of();
    private int searches;

    public SearchHistoryDialog(Shell parent, HistoryService history, ConversationOpener opener) {
        super(parent);
        this.history = history;
        this.opener = opener;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Search history");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Search history");
        setMessage("Finds messages containing every word, in all conversations. The search runs on this computer.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite box = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(box);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(box);
        query = new Text(box, SWT.SEARCH | SWT.ICON_SEARCH | SWT.BORDER);
        query.setMessage("words to find, Enter to search");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(query);
        query.addListener(SWT.DefaultSelection, e -> search());
        results = new Table(box, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        results.setHeaderVisible(true);
        column("When", 130);
        column("Conversation", 110);
        column("Message", 360);
        GridDataFactory.fillDefaults().grab(true, true).hint(620, 300).applyTo(results);
        results.addListener(SWT.DefaultSelection, e -> openSelected());
        results.addListener(SWT.Selection, e -> getButton(OPEN_ID).setEnabled(results.getSelectionIndex() >= 0));
        return area;
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(results, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button open = createButton(parent, OPEN_ID, "Open conversation", false);
        open.setEnabled(false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == OPEN_ID) {
            openSelected();
        } else {
            close();
        }
    }

    /** Runs the search for what the query box holds. */
    void search() {
        String text = query.getText().strip();
        if (text.isEmpty()) {
            setErrorMessage("Type a word to search for.");
            return;
        }
        setErrorMessage(null);
        setMessage("Searching\u2026");
        int mine = ++searches;
        history.search(text, LIMIT).whenComplete((found, failure) -> query.getDisplay().asyncExec(() -> {
            if (mine == searches && !query.isDisposed()) {
                show(text, found, failure);
            }
        }));
    }

    private void show(String text, List<HistoryEntry> found, Throwable failure) {
        results.removeAll();
        entries = failure == null ? List.copyOf(found) : List.of();
        if (failure != null) {
            setErrorMessage("The history could not be searched: " + ConnectDialog.reason(failure));
            return;
        }
        for (HistoryEntry entry : entries) {
            TableItem item = new TableItem(results, SWT.NONE);
            String who = entry.kind() == HistoryEntry.Kind.MESSAGE
                    ? (entry.message().outgoing() ? "You" : entry.message().sender()) + ": " : "\u2014 ";
            item.setText(new String[] {WHEN.format(Instant.ofEpochMilli(entry.timestamp())),
                entry.conversation().title(), who + entry.text().replace('\n', ' ')});
        }
        setMessage(entries.isEmpty() ? "Nothing in the history contains \u201c" + text + "\u201d."
                : entries.size() + (entries.size() >= LIMIT ? "+" : "") + " found; double-click one to open its conversation.");
    }

    private void openSelected() {
        int index = results.getSelectionIndex();
        if (index >= 0) {
            opener.open(entries.get(index).conversation(), true);
            close();
        }
    }

    Text queryText() {
        return query;
    }

    Table results() {
        return results;
    }
}
