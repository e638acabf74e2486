package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ChatModel;

/**
 * The contacts list: "Everyone" first, then every online user with the fingerprint of the keys they
 * published and an unread count. Opening an entry (double-click or Enter) opens its conversation; an
 * incoming message opens its conversation's tab without taking focus.
 */
public final class ContactsPart implements ChatModel.Listener {

    @Inject
    ChatModel model;

    @Inject
    ConversationOpener opener;

    private Table table;
    private final List<Conversation> rows = new ArrayList<>();

    @PostConstruct
    void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        column("Contact", 150);
        column("Key fingerprint", 200);
        table.addListener(SWT.DefaultSelection, e -> openSelected());
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

    @PreDestroy
    void dispose() {
        model.removeListener(this);
    }

    /** The conversations listed, top to bottom; for tests. */
    List<Conversation> rows() {
        return List.copyOf(rows);
    }

    Table table() {
        return table;
    }

    private void openSelected() {
        int index = table.getSelectionIndex();
        if (index >= 0) {
            opener.open(rows.get(index), true);
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
        Conversation selected = table.getSelectionIndex() >= 0 ? rows.get(table.getSelectionIndex()) : null;
        rows.clear();
        table.removeAll();
        add(Conversation.everyone(), snapshot.contacts().size() + " online");
        for (Contact contact : snapshot.contacts()) {
            add(Conversation.with(contact.user()), contact.fingerprint());
        }
        if (selected != null && rows.contains(selected)) {
            table.setSelection(rows.indexOf(selected));
        }
    }

    private void add(Conversation conversation, String detail) {
        int unread = model.unread(conversation);
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, conversation.title() + (unread > 0 ? "  (" + unread + ")" : ""));
        item.setText(1, detail);
        rows.add(conversation);
    }
}
