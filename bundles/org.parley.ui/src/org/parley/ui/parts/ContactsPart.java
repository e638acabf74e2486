package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ChatModel;
import org.parley.ui.model.ContactRows;

/**
 * The contacts list: a filter box, then "Everyone" first, then every online user, then (greyed,
 * "offline · …") the known contacts who are offline, which can still be written to (the relay stores
 * the messages); each with an unread count, the trust in its identity key (verified, not verified,
 * KEY CHANGED in red) and the key's fingerprint. Opening an entry (double-click or Enter) opens its
 * conversation. An incoming message opens its conversation's tab without taking focus.
 *
 * <p>The context menu (open chat, show safety number, copy fingerprint, accept a changed key) is the
 * application model's popup menu {@value #CONTEXT_MENU_ID}; its commands' handlers act on the selected
 * {@link ContactRows.Row}, which this part publishes through the {@link ESelectionService}.
 */
public final class ContactsPart implements ChatModel.Listener {

    /** The id of the popup menu declared on this part in the application model. */
    public static final String CONTEXT_MENU_ID = "org.parley.ui.popupmenu.contacts";

    @Inject
    ChatModel model;

    @Inject
    ConversationOpener opener;

    @Inject
    ESelectionService selection;

    @Inject
    EMenuService menus;

    private Text filter;
    private Table table;
    private List<ContactRows.Row> rows = List.of();

    @PostConstruct
    void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filter.setMessage("Filter contacts (Ctrl+F)");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addListener(SWT.Modify, e -> refresh(model.service().snapshot()));
        // Enter or Down in the filter moves to the first match, ready to open
        filter.addListener(SWT.DefaultSelection, e -> openFirst());
        filter.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN && table.getItemCount() > 0) {
                table.setSelection(0);
                publishSelection();
                table.setFocus();
            }
        });
        table = new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        column("Contact", 120);
        column("Identity", 105);
        column("Key fingerprint", 110);
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        table.addListener(SWT.Selection, e -> publishSelection());
        menus.registerContextMenu(table, CONTEXT_MENU_ID);
        model.addListener(this);
        refresh(model.service().snapshot());
        // start in the Everyone conversation with the composer focused, ready to type
        parent.getDisplay().asyncExec(() -> opener.open(Conversation.everyone(), true));
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }

    @Focus
    void setFocus() {
        table.setFocus();
    }

    /** Puts the cursor into the filter box, its text selected (the Find command). */
    public void focusFilter() {
        filter.selectAll();
        filter.setFocus();
    }

    @PreDestroy
    void dispose() {
        model.removeListener(this);
    }

    /** The conversations listed, top to bottom; for tests. */
    List<Conversation> rows() {
        return rows.stream().map(ContactRows.Row::conversation).toList();
    }

    Table table() {
        return table;
    }

    Text filter() {
        return filter;
    }

    private Optional<ContactRows.Row> selectedRow() {
        int index = table.getSelectionIndex();
        return index >= 0 ? Optional.of(rows.get(index)) : Optional.empty();
    }

    /**
     * Tells the workbench which row is selected (null for none), so the context menu's handlers act on
     * it. Called on every refresh too: a row's trust can change while it stays selected.
     */
    private void publishSelection() {
        selection.setSelection(selectedRow().orElse(null));
    }

    private void openSelected() {
        int index = table.getSelectionIndex();
        if (index >= 0) {
            opener.open(rows.get(index).conversation(), true);
        }
    }

    private void openFirst() {
        if (!rows.isEmpty()) {
            opener.open(rows.get(0).conversation(), true);
        }
    }

    @Override
    public void directoryChanged(ChatSnapshot snapshot) {
        refresh(snapshot);
    }

    @Override
    public void conversationChanged(Conversation conversation) {
        if (model.unread(conversation) > 0) {
            opener.open(conversation, false);
        }
        refresh(model.service().snapshot());
    }

    private void refresh(ChatSnapshot snapshot) {
        if (table.isDisposed()) {
            return;
        }
        Conversation selected = table.getSelectionIndex() >= 0 ? rows.get(table.getSelectionIndex()).conversation()
                : null;
        rows = ContactRows.of(snapshot, model::unread, filter.getText());
        table.setItemCount(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ContactRows.Row row = rows.get(i);
            TableItem item = table.getItem(i);
            item.setText(new String[] {row.name(), row.identity(), row.fingerprint()});
            item.setForeground(colour(row.tone()));
            item.setFont(0, null);
        }
        table.deselectAll();
        if (selected != null && rows().contains(selected)) {
            table.setSelection(rows().indexOf(selected));
        }
        publishSelection();
    }

    private Color colour(ContactRows.Tone tone) {
        switch (tone) {
            case WARNING:
                return table.getDisplay().getSystemColor(SWT.COLOR_RED);
            case OFFLINE:
                return table.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
            default:
                return null;
        }
    }
}
