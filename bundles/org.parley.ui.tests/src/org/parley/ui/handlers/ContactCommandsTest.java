package org.parley.ui.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Evaluate;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.ChatException;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.chat.TrustService;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ContactRows;

/**
 * The commands of the contacts context menu, run through e4 injection as the workbench runs them, on
 * real SWT: what each does and when it is disabled.
 */
class ContactCommandsTest {

    /** Records the trust decisions; accepting fails when {@link #failure} is set. */
    private static final class RecordingTrust implements TrustService {
        final List<String> accepted = new ArrayList<>();
        String failure;

        @Override
        public void acceptIdentityKey(String user) throws ChatException {
            if (failure != null) {
                throw new ChatException(failure);
            }
            accepted.add(user);
        }

        @Override
        public void setVerified(String user, boolean verified) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public Optional<String> safetyNumber(String user) {
            return Optional.of("12345".repeat(12));
        }
    }

    private static final Contact BOB = new Contact("bob", "aaaa bbbb cccc dddd eeee ffff", List.of("hybrid"),
            Contact.Trust.CHANGED);

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private final RecordingTrust trust = new RecordingTrust();
    private final List<Conversation> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        context = EclipseContextFactory.create("test");
        context.set(IServiceConstants.ACTIVE_SHELL, shell);
        context.set(TrustService.class, trust);
        context.set(ConversationOpener.class, (ConversationOpener) (c, activate) -> opened.add(c));
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        shell.dispose();
    }

    private static ContactRows.Row row(Contact contact) {
        return ContactRows.of(new ChatSnapshot(ConnectionState.CONNECTED,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(contact)), c -> 0, "")
                .get(1);
    }

    private void select(Object selection) {
        context.set(IServiceConstants.ACTIVE_SELECTION, selection);
    }

    private boolean canExecute(Object handler) {
        return (Boolean) ContextInjectionFactory.invoke(handler, CanExecute.class, context);
    }

    @Test
    void showSafetyNumberOpensTheDialogForTheSelectedContact() {
        select(row(BOB));
        assertTrue(canExecute(new ShowSafetyNumberHandler()));
        List<String> seen = new ArrayList<>();
        // the dialog is modal: inspect and close it from inside its event loop
        display.asyncExec(() -> {
            for (Shell open : display.getShells()) {
                if (open.getParent() == shell && !open.isDisposed()) {
                    seen.add(open.getText());
                    collectLabels(open, seen);
                    open.close();
                }
            }
        });
        ContextInjectionFactory.invoke(new ShowSafetyNumberHandler(), Execute.class, context);
        assertEquals("Safety number with bob", seen.get(0));
        assertTrue(seen.contains("12345  12345  12345  12345\n12345  12345  12345  12345\n12345  12345  12345  12345"),
                seen.toString());
        assertTrue(seen.stream().anyMatch(text -> text.endsWith("aaaa bbbb cccc dddd eeee ffff")), seen.toString());
    }

    private static void collectLabels(Composite composite, List<String> into) {
        for (Control child : composite.getChildren()) {
            if (child instanceof Label label) {
                into.add(label.getText());
            } else if (child instanceof Composite inner) {
                collectLabels(inner, into);
            }
        }
    }

    @Test
    void acceptNewKeyWarnsAndAcceptsOnlyOnYes() {
        select(row(BOB));
        assertTrue(canExecute(new AcceptNewKeyHandler()));
        List<String> questions = new ArrayList<>();
        AcceptNewKeyHandler no = new AcceptNewKeyHandler();
        no.confirm = (parent, question) -> {
            assertEquals(shell, parent);
            questions.add(question);
            return false;
        };
        ContextInjectionFactory.invoke(no, Execute.class, context);
        assertEquals(List.of(), trust.accepted, "declined: the key stays unaccepted");
        assertTrue(questions.get(0).startsWith("bob's identity key has changed."), questions.get(0));
        assertTrue(questions.get(0).contains("an attacker impersonating them"), questions.get(0));
        assertTrue(questions.get(0).contains("New fingerprint: aaaa bbbb cccc dddd eeee ffff"), questions.get(0));

        AcceptNewKeyHandler yes = new AcceptNewKeyHandler();
        yes.confirm = (parent, question) -> true;
        ContextInjectionFactory.invoke(yes, Execute.class, context);
        assertEquals(List.of("bob"), trust.accepted);
    }

    @Test
    void aFailedAcceptIsShownAsAMessage() {
        select(row(BOB));
        trust.failure = "not connected";
        List<String> errors = new ArrayList<>();
        AcceptNewKeyHandler handler = new AcceptNewKeyHandler();
        handler.confirm = (parent, question) -> true;
        handler.error = (parent, message) -> errors.add(message);
        ContextInjectionFactory.invoke(handler, Execute.class, context);
        assertEquals(List.of("not connected"), errors);
        assertEquals(List.of(), trust.accepted);
    }

    @Test
    void acceptingAppliesOnlyToAPendingKeyChange() {
        for (Contact.Trust state : List.of(Contact.Trust.TRUSTED, Contact.Trust.VERIFIED)) {
            select(row(new Contact("carol", "1234 5678", List.of("hybrid"), state)));
            assertFalse(canExecute(new AcceptNewKeyHandler()), state.toString());
            assertFalse((Boolean) ContextInjectionFactory.invoke(new KeyChangePending(), Evaluate.class, context),
                    "the item is hidden for " + state);
            assertTrue(canExecute(new ShowSafetyNumberHandler()));
        }
    }

    @Test
    void anotherPartsSelectionOrNoneDisablesEveryContactCommand() {
        List<Object> handlers = List.of(new OpenChatHandler(), new ShowSafetyNumberHandler(),
                new CopyFingerprintHandler(), new AcceptNewKeyHandler());
        for (Object selection : new Object[] {null, "a line of text selected in a chat"}) {
            select(selection);
            for (Object handler : handlers) {
                assertFalse(canExecute(handler), handler.getClass().getSimpleName() + " with " + selection);
            }
            assertFalse((Boolean) ContextInjectionFactory.invoke(new KeyChangePending(), Evaluate.class, context));
        }
        context.remove(IServiceConstants.ACTIVE_SELECTION);
        assertFalse(canExecute(new OpenChatHandler()), "no selection at all");
        assertEquals(List.of(), opened);
    }
}
