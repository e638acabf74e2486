package org.parley.plugins.ui;

import java.util.concurrent.Executor;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.parley.plugins.PluginInstaller;

/**
 * Parley &gt; Encryption Plugins...: opens {@link EncryptionPluginsDialog} (contributed through this
 * bundle's model fragment, so the application model needs no change).
 */
public final class EncryptionPluginsHandler {

    /** Loads and installs run on their own daemon thread, one per request (they are rare and long). */
    private static final Executor BACKGROUND = work -> {
        Thread t = new Thread(work, "parley-plugin-installer");
        t.setDaemon(true);
        t.start();
    };

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional PluginInstaller installer,
            @Optional IWorkbench workbench) {
        if (installer == null) {
            MessageDialog.openError(shell, "Encryption Plugins",
                    "The plugin installer is not available in this copy of Parley.");
            return;
        }
        Runnable restart = workbench == null ? null : workbench::restart;
        new EncryptionPluginsDialog(shell, installer, restart, BACKGROUND, "").open();
    }
}
