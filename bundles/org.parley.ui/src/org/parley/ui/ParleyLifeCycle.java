package org.parley.ui;

import java.net.URI;
import java.util.Optional;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.PreSave;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.parley.chat.ChatService;
import org.parley.chat.HistoryService;
import org.parley.chat.IdentityService;
import org.parley.chat.TrustService;
import org.parley.ui.model.ChatModel;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * Application life cycle: puts the UI's shared objects into the application context and connects
 * (through the connect dialog, or directly when the launch script asked for it) before the main window
 * opens.
 */
public final class ParleyLifeCycle {

    @PostContextCreate
    void postContextCreate(IEclipseContext context) {
        Display display = Display.getDefault();
        ChatService service = context.get(ChatService.class);
        IdentityService identity = context.get(IdentityService.class);
        if (service == null || identity == null || context.get(TrustService.class) == null) {
            MessageDialog.openError(null, "Parley", "The chat service did not start, so Parley cannot run. "
                    + "The installation is incomplete: reinstall Parley.");
            throw new IllegalStateException("ChatService unavailable");
        }
        ClientSettings settings = new ClientSettings();
        ChatModel model = new ChatModel(service, display::asyncExec);
        context.set(ClientSettings.class, settings);
        context.set(ChatModel.class, model);
        // optional: without a history service the UI shows live messages only
        model.setHistory(Optional.ofNullable(context.get(HistoryService.class)));

        if (!settings.allowedSchemes().isEmpty()) {
            service.setAllowedSchemes(settings.allowedSchemes());
        }

        Optional<URI> relay = ClientSettings.parseRelay(settings.relay());
        Optional<char[]> passphrase = settings.passphraseFromEnvironment();
        if (settings.autoConnect() && relay.isPresent() && passphrase.isPresent()) {
            // unattended start (launch script --connect with PARLEY_PASSPHRASE): failures show in the
            // status bar and the Everyone conversation; the window opens regardless. Unlocking (Argon2id,
            // 64 MiB, a few hundred ms of CPU) waits until the workbench is up, so it does not compete
            // with building the window on a small machine.
            Runnable unattended = () -> startUnattended(display, service, identity, settings, relay.get(),
                    passphrase.get());
            IEventBroker broker = context.get(IEventBroker.class);
            if (broker == null) {
                unattended.run();
            } else {
                broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, new EventHandler() {
                    @Override
                    public void handleEvent(Event event) {
                        broker.unsubscribe(this);
                        unattended.run();
                    }
                });
            }
        } else {
            new ConnectDialog(null, service, identity, settings).open();
        }
    }

    private static void startUnattended(Display display, ChatService service, IdentityService identity,
            ClientSettings settings, URI relay, char[] passphrase) {
        String user = settings.user();
        (identity.identityStatus().state() == IdentityService.State.NONE
                ? identity.createIdentity(user, passphrase)
                : identity.unlockIdentity(passphrase))
                .thenCompose(v -> service.connect(relay, user))
                .whenComplete((ok, failure) -> {
                    if (failure != null && identity.identityStatus().state() != IdentityService.State.UNLOCKED) {
                        // e.g. a wrong passphrase in the environment: ask instead
                        display.asyncExec(() -> new ConnectDialog(null, service, identity, settings).open());
                    }
                });
    }

    @ProcessAdditions
    void processAdditions(MApplication application) {
        ConversationOpener opener = new PartConversationOpener(application);
        application.getContext().set(ConversationOpener.class, opener);
        ChatModel model = application.getContext().get(ChatModel.class);
        ClientSettings settings = application.getContext().get(ClientSettings.class);
        if (model != null && settings != null) {
            model.addListener(new DesktopNotifier(settings, opener, DesktopNotifier.popups(Display.getDefault(), opener)));
        }
    }

    @PreSave
    void preSave(IEclipseContext context) {
        ChatModel model = context.get(ChatModel.class);
        if (model != null) {
            model.service().disconnect();
        }
    }
}
