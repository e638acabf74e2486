package org.parley.ui.parts;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.chat.TrustService;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ChatModel;

/**
 * The contacts list: "Everyone" first, then every online user, then (greyed, "offline · …") the known
 * contacts who are offline, which can still be written to (the relay stores the messages); each with
 * an unread count, the trust in its identity key (verified, not verified, KEY CHANGED) and the key's
 * fingerprint. Opening an entry
 * (double-click or Enter) opens its conversation; the context menu shows the safety number, copies the
 * fingerprint, or accepts a changed key. An incoming message opens its conversation's tab without
 * taking focus.
 */
public final class ContactsPart implements ChatModel.Listener {

    @Inject
    ChatModel model;

    @Inject
    ConversationOpener opener;

    @Inject
    TrustService trust;

    private Table table;
    private final List<Conversation> rows = new ArrayList<>();
    private final List<Optional<Contact>> contacts = new ArrayList<>();
    private ContactActions actions;

    @PostConstruct
    void createControls(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        column("Contact", 110);
        column("Identity", 95);
        column("Key fingerprint", 110);
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        actions = new ContactActions(trust, parent.getShell());
        createMenu();
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

    private void createMenu() {
        Menu menu = new Menu(table);
        table.setMenu(menu);
        menu.addListener(SWT.Show, e -> {
            for (MenuItem item : menu.getItems()) {
                item.dispose();
            }
            Optional<Contact> contact = selectedContact();
            item(menu, "Open chat", true, this::openSelected);
            item(menu, "Show safety number...", contact.isPresent(), () -> actions.showSafetyNumber(contact.get()));
            item(menu, "Copy fingerprint", contact.isPresent(), () -> copy(contact.get().fingerprint()));
            if (contact.isPresent() && contact.get().trust() == Contact.Trust.CHANGED) {
                item(menu, "Accept new identity key...", true, () -> actions.acceptNewKey(contact.get()));
            }
        });
    }

    private static void item(Menu menu, String text, boolean enabled, Runnable action) {
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText(text);
        item.setEnabled(enabled);
        item.addListener(SWT.Selection, e -> action.run());
    }

    private void copy(String text) {
        Clipboard clipboard = new Clipboard(table.getDisplay());
        clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
        clipboard.dispose();
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

    private Optional<Contact> selectedContact() {
        int index = table.getSelectionIndex();
        return index >= 0 ? contacts.get(index) : Optional.empty();
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
        contacts.clear();
        table.removeAll();
        long online = snapshot.contacts().stream().filter(Contact::online).count();
        add(Conversation.everyone(), Optional.empty(), online + " online", "");
        for (Contact contact : snapshot.contacts()) { // online first, then offline (ChatSnapshot)
            add(Conversation.with(contact.user()), Optional.of(contact), identityLabel(contact),
                    shortFingerprint(contact.fingerprint()));
        }
        if (selected != null && rows.contains(selected)) {
            table.setSelection(rows.indexOf(selected));
        }
    }

    /** The first four groups; the whole fingerprint is in the safety-number dialog and the clipboard. */
    static String shortFingerprint(String fingerprint) {
        String[] groups = fingerprint.split(" ");
        return groups.length <= 4 ? fingerprint : String.join(" ", java.util.Arrays.copyOf(groups, 4)) + " \u2026";
    }

    /** The trust label, prefixed with "offline · " for a contact who is not online. */
    static String identityLabel(Contact contact) {
        return (contact.online() ? "" : "offline \u00b7 ") + trustLabel(contact.trust());
    }

    static String trustLabel(Contact.Trust trust) {
        switch (trust) {
            case VERIFIED:
                return "\u2713 verified";
            case CHANGED:
                return "KEY CHANGED";
            default:
                return "not verified";
        }
    }

    private void add(Conversation conversation, Optional<Contact> contact, String trustText, String fingerprint) {
        int unread = model.unread(conversation);
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, conversation.title() + (unread > 0 ? "  (" + unread + ")" : ""));
        item.setText(1, trustText);
        item.setText(2, fingerprint);
        if (contact.isPresent() && contact.get().trust() == Contact.Trust.CHANGED) {
            item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_RED));
        } else if (contact.isPresent() && !contact.get().online()) {
            item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        }
        rows.add(conversation);
        contacts.add(contact);
    }
}
