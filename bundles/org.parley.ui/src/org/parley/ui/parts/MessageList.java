package org.parley.ui.parts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.parley.ui.model.ChatLine;
import org.parley.ui.model.TranscriptLayout;
import org.parley.ui.model.TranscriptLayout.Row;

/**
 * The message list of a conversation: a virtual {@link Table} (SWT.VIRTUAL) whose items are filled only
 * when they become visible, so 10,000 messages cost one small row object each and no widget. Rows come
 * from {@link TranscriptLayout}; colours come from {@link MessagePalette}, derived from the table's own
 * (theme-styled) colours. Scrolling to the top asks for older lines through {@code nearTop}.
 *
 * <h3>Threading</h3>
 * UI thread only. Updates are coalesced: {@link #setLines} schedules one rebuild per event-loop turn.
 */
final class MessageList {

    /** Rows from the top within which older lines are asked for. */
    static final int NEAR_TOP_ROWS = 3;

    private final Table table;
    private final TableColumn textColumn;
    private final TableColumn metaColumn;
    private final Function<String, String> schemeName;
    private final Runnable nearTop;
    private MessagePalette palette;
    private List<ChatLine> lines = List.of();
    private List<Row> rows = List.of();
    private int columns = 80;
    private boolean rebuildScheduled;
    private boolean rebuilding;
    private boolean askedForOlder;
    private int materialized;

    MessageList(Composite parent, Function<String, String> schemeName, Runnable nearTop) {
        this.schemeName = schemeName;
        this.nearTop = nearTop;
        table = new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.BORDER);
        // the CSS id lets the light and dark themes style the list; the palette follows from it
        table.setData("org.eclipse.e4.ui.css.id", "ParleyMessageList");
        table.setLinesVisible(false);
        table.setHeaderVisible(false);
        textColumn = new TableColumn(table, SWT.LEFT);
        metaColumn = new TableColumn(table, SWT.RIGHT);
        metaColumn.setWidth(250);
        palette = new MessagePalette(table);
        table.addListener(SWT.SetData, this::fill);
        table.addListener(SWT.Resize, e -> resized());
        // checked on the next turn of the event loop: GTK reports transient scroll positions while
        // the item count changes, and only where the list settles counts
        table.getVerticalBar().addListener(SWT.Selection, e -> table.getDisplay().asyncExec(this::checkTop));
        table.addListener(SWT.MouseWheel, e -> table.getDisplay().asyncExec(this::checkTop));
        // keyboard scrolling (Page Up, Ctrl+Home) moves the view without a scroll bar event on GTK
        table.addListener(SWT.KeyUp, e -> table.getDisplay().asyncExec(this::checkTop));
        table.addListener(SWT.KeyDown, this::onKey);
        table.addListener(SWT.Dispose, e -> palette.dispose());
    }

    Table table() {
        return table;
    }

    /** Shows {@code newLines} from the next turn of the event loop on. */
    void setLines(List<ChatLine> newLines) {
        lines = newLines;
        if (!rebuildScheduled) {
            rebuildScheduled = true;
            table.getDisplay().asyncExec(this::rebuild);
        }
    }

    /** Picks up changed table colours or fonts (after a theme switch). */
    void restyle() {
        palette.dispose();
        palette = new MessagePalette(table);
        table.clearAll();
    }

    private void rebuild() {
        rebuildScheduled = false;
        askedForOlder = false;
        if (table.isDisposed()) {
            return;
        }
        int top = table.getTopIndex();
        int visible = visibleRows();
        boolean atBottom = rows.isEmpty() || top + visible >= rows.size() - 1;
        ChatLine anchor = !atBottom && top < rows.size() ? rows.get(top).source() : null;
        rows = new TranscriptLayout(ZoneId.systemDefault(), LocalDate.now(), schemeName, columns).layout(lines);
        // moving the scroll bar programmatically must not count as the user scrolling to the top
        rebuilding = true;
        try {
            reshow(atBottom, anchor);
        } finally {
            rebuilding = false;
        }
    }

    private void reshow(boolean atBottom, ChatLine anchor) {
        fitMetaColumn();
        table.setItemCount(rows.size());
        table.clearAll();
        if (atBottom) {
            table.setTopIndex(Math.max(0, rows.size() - 1));
        } else {
            // older lines were added above, or a line changed: keep the row the user was reading in place
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).source() == anchor) {
                    table.setTopIndex(i);
                    break;
                }
            }
        }
    }

    /** Makes the right-hand column wide enough for the longest scheme, state and time. */
    private void fitMetaColumn() {
        String longest = "";
        for (Row row : rows) {
            if (row.meta().length() > longest.length()) {
                longest = row.meta();
            }
        }
        GC gc = new GC(table);
        int width = Math.max(120, gc.textExtent(longest + "  ").x + 40);
        gc.dispose();
        // never more than half the list: the messages themselves come first
        width = Math.min(width, Math.max(120, table.getClientArea().width / 2));
        if (width > metaColumn.getWidth()) {
            metaColumn.setWidth(width);
            resized();
        }
    }

    private int visibleRows() {
        int height = Math.max(1, table.getItemHeight());
        return Math.max(1, table.getClientArea().height / height);
    }

    private void checkTop() {
        // one request per rebuild: scroll events keep coming while the older page is on its way
        if (!rebuilding && !askedForOlder && !table.isDisposed() && !rows.isEmpty()
                && table.getTopIndex() < NEAR_TOP_ROWS) {
            askedForOlder = true;
            nearTop.run();
        }
    }

    private void resized() {
        int width = table.getClientArea().width;
        int meta = metaColumn.getWidth();
        textColumn.setWidth(Math.max(80, width - meta));
        GC gc = new GC(table);
        double charWidth = gc.getFontMetrics().getAverageCharacterWidth();
        gc.dispose();
        int newColumns = (int) Math.max(20, (textColumn.getWidth() - 16) / Math.max(1.0, charWidth));
        if (newColumns != columns) {
            columns = newColumns;
            setLines(lines);
        }
    }

    private void fill(Event e) {
        TableItem item = (TableItem) e.item;
        int index = table.indexOf(item);
        if (index < 0 || index >= rows.size()) {
            return;
        }
        materialized++;
        if (palette.outdated(table)) {
            // the CSS engine styles the list after the part is created, and again on a theme switch
            palette.dispose();
            palette = new MessagePalette(table);
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    table.clearAll();
                }
            });
        }
        Row row = rows.get(index);
        palette.apply(item, row);
    }

    private void onKey(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'c' || e.keyCode == 'C')) {
            StringBuilder text = new StringBuilder();
            for (int index : table.getSelectionIndices()) {
                Row row = rows.get(index);
                text.append(row.text()).append(row.meta().isEmpty() ? "" : "   " + row.meta()).append('\n');
            }
            if (text.length() > 0) {
                Clipboard clipboard = new Clipboard(table.getDisplay());
                clipboard.setContents(new Object[] {text.toString()}, new Transfer[] {TextTransfer.getInstance()});
                clipboard.dispose();
            }
        }
    }

    /** The rows laid out; for tests. */
    List<Row> rows() {
        return rows;
    }

    /** How many items were filled so far (SWT.SetData); for tests. */
    int materialized() {
        return materialized;
    }

    MessagePalette palette() {
        return palette;
    }
}
