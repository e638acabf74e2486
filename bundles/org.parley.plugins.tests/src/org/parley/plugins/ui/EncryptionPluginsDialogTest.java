package org.parley.plugins.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugins.AvailableFeature;
import org.parley.plugins.InstallProgress;
import org.parley.plugins.InstallResult;
import org.parley.plugins.InstalledScheme;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;
import org.parley.plugins.PluginInstaller;
import org.parley.plugins.PluginRepository;
import org.parley.plugins.internal.P2PluginInstallerAccess;

/**
 * The real dialog on a real SWT display (Xvfb in CI), driven the way a user does: buttons are pressed
 * by SWT events, the installer works on a background thread, and the test pumps the event loop.
 */
class EncryptionPluginsDialogTest {

    private static final InstalledScheme RSA = new InstalledScheme("rsa-oaep-aes-gcm", "RSA-OAEP + AES-256-GCM",
            "org.parley.crypto.hybrid", "0.1.0.v1");
    private static final InstalledScheme PQ = new InstalledScheme("x25519-mlkem768-aes-gcm", "X25519 + ML-KEM-768",
            "org.parley.crypto.pq", "0.1.0.v1");
    private static final AvailableFeature PQ_FEATURE = new AvailableFeature("org.parley.crypto.pq.feature", "0.1.0.v1",
            "Parley post-quantum scheme", "", false);
    private static final AvailableFeature CLIENT = new AvailableFeature("org.parley.feature", "0.1.0.v1", "Parley", "",
            true);

    @TempDir
    Path dir;

    private Display display;
    private Shell parent;
    private FakeInstaller installer;
    private EncryptionPluginsDialog dialog;
    private final List<String> restarts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        parent = new Shell(display);
        installer = new FakeInstaller();
    }

    @AfterEach
    void tearDown() {
        installer.release.countDown();
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            waitFor(() -> !dialog.isBusy());
            dialog.close();
        }
        parent.dispose();
    }

    private EncryptionPluginsDialog open(PluginInstaller with) {
        dialog = new EncryptionPluginsDialog(parent, with, () -> restarts.add("restart"),
                work -> new Thread(work, "test-installer").start(), "");
        dialog.setBlockOnOpen(false);
        dialog.open();
        return dialog;
    }

    @Test
    void installedSchemesAreListedWithIdNameBundleAndVersion() {
        open(installer);
        Table table = dialog.schemesTable();
        assertEquals(1, table.getItemCount());
        assertEquals(List.of("rsa-oaep-aes-gcm", "RSA-OAEP + AES-256-GCM", "org.parley.crypto.hybrid", "0.1.0.v1"),
                List.of(table.getItem(0).getText(0), table.getItem(0).getText(1), table.getItem(0).getText(2),
                        table.getItem(0).getText(3)));
        assertFalse(dialog.installButton().isEnabled(), "nothing to install before a repository is shown");
        Event enter = new Event();
        enter.detail = SWT.TRAVERSE_RETURN;
        enter.doit = true;
        dialog.locationText().notifyListeners(SWT.Traverse, enter);
        assertFalse(enter.doit, "Enter in the location field loads instead of pressing Close");
    }

    @Test
    void aBadRepositoryShowsAClearErrorFromTheRealInstaller() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        open(P2PluginInstallerAccess.create());
        dialog.locationText().setText(dir.toString());
        dialog.locationText().notifyListeners(SWT.DefaultSelection, new Event());
        waitFor(() -> !dialog.isBusy() && !dialog.messageText().getText().isEmpty());
        String message = dialog.messageText().getText();
        assertTrue(message.contains("is not a p2 repository"), message);
        assertFalse(message.contains("Exception"), message);
        assertEquals(display.getSystemColor(SWT.COLOR_DARK_RED), dialog.messageText().getForeground());
        assertEquals(0, dialog.featuresTable().getItemCount());
        assertFalse(dialog.installButton().isEnabled());

        dialog.locationText().setText("ftp://example.org/site");
        dialog.locationText().notifyListeners(SWT.DefaultSelection, new Event());
        waitFor(() -> !dialog.isBusy() && dialog.messageText().getText().startsWith("Unsupported"));
    }

    @Test
    void installShowsProgressBlocksClosingAndThenListsTheNewScheme() {
        open(installer);
        showRepository();
        assertEquals(2, dialog.featuresTable().getItemCount());
        assertEquals("Parley", dialog.featuresTable().getItem(0).getText(0));
        assertEquals("installed", dialog.featuresTable().getItem(0).getText(3));
        assertEquals("available", dialog.featuresTable().getItem(1).getText(3));
        assertEquals(1, dialog.featuresTable().getSelectionIndex(), "the first installable feature is preselected");
        assertTrue(dialog.installButton().isEnabled());

        press(dialog.installButton());
        waitFor(() -> dialog.taskLabel().getText().equals("Downloading org.parley.crypto.pq"));
        assertTrue(dialog.isBusy());
        assertEquals(40, dialog.progressBar().getSelection());
        assertTrue(dialog.progressBar().isVisible());
        assertTrue(dialog.cancelButton().isVisible() && dialog.cancelButton().isEnabled());
        assertFalse(dialog.installButton().isEnabled());
        assertFalse(dialog.locationText().isEnabled());
        assertFalse(dialog.button(IDialogConstants.CLOSE_ID).isEnabled());
        assertFalse(dialog.close(), "the dialog stays open while installing");
        assertTrue(dialog.messageText().getText().contains("cancel it first"));

        installer.schemes.add(PQ);
        installer.release.countDown();
        waitFor(() -> !dialog.isBusy());
        assertEquals("Installed. X25519 + ML-KEM-768 is ready to use.", dialog.messageText().getText());
        assertEquals(2, dialog.schemesTable().getItemCount(), "the table refreshes after the install");
        assertEquals("x25519-mlkem768-aes-gcm", dialog.schemesTable().getItem(1).getText(0));
        assertEquals("installed", dialog.featuresTable().getItem(1).getText(3));
        assertFalse(dialog.installButton().isEnabled(), "an installed feature cannot be installed again");
        assertFalse(dialog.progressBar().isVisible());
        assertEquals(null, dialog.button(EncryptionPluginsDialog.RESTART_ID));
        assertEquals(List.of(PQ_FEATURE), installer.installed);
    }

    @Test
    void cancellingReachesTheInstallerAndTheFailureIsShown() {
        open(installer);
        showRepository();
        press(dialog.installButton());
        waitFor(() -> dialog.progressBar().getSelection() == 40);
        press(dialog.cancelButton());
        assertEquals("Cancelling...", dialog.taskLabel().getText());
        installer.release.countDown();
        waitFor(() -> !dialog.isBusy());
        assertEquals("Cancelled; nothing was changed.", dialog.messageText().getText());
        assertTrue(dialog.installButton().isEnabled(), "it can be tried again");
    }

    @Test
    void whenALiveStartIsImpossibleARestartIsOffered() {
        installer.restartRequired = true;
        open(installer);
        showRepository();
        press(dialog.installButton());
        installer.release.countDown();
        waitFor(() -> !dialog.isBusy());
        assertEquals("restart needed", dialog.featuresTable().getItem(1).getText(3));
        Button restart = dialog.button(EncryptionPluginsDialog.RESTART_ID);
        assertNotNull(restart);
        press(restart);
        assertEquals(List.of("restart"), restarts);
    }

    private void showRepository() {
        dialog.locationText().setText("https://plugins.example.org/parley/");
        dialog.locationText().notifyListeners(SWT.DefaultSelection, new Event());
        waitFor(() -> !dialog.isBusy() && dialog.featuresTable().getItemCount() > 0);
        assertEquals("Parley plugins: 1 plugin can be installed.", dialog.messageText().getText());
    }

    private static void press(Button button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    private void waitFor(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out; message: "
                        + (dialog == null || dialog.messageText().isDisposed() ? "" : dialog.messageText().getText()));
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reports 40 % "Downloading ..." then blocks until the test releases it. */
    private static final class FakeInstaller implements PluginInstaller {
        final List<InstalledScheme> schemes = new CopyOnWriteArrayList<>(List.of(RSA));
        final List<AvailableFeature> installed = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean restartRequired;

        @Override
        public List<InstalledScheme> installedSchemes() {
            return List.copyOf(schemes);
        }

        @Override
        public PluginRepository load(String location, InstallProgress progress) {
            return new PluginRepository(URI.create(location), "Parley plugins", List.of(CLIENT, PQ_FEATURE));
        }

        @Override
        public InstallResult install(PluginRepository repository, AvailableFeature feature, InstallProgress progress)
                throws PluginException {
            progress.progress("Downloading org.parley.crypto.pq", 40);
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new PluginException(Reason.INSTALL_FAILED, "test timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (progress.isCancelled()) {
                throw new PluginException(Reason.CANCELLED, "Cancelled; nothing was changed.");
            }
            installed.add(feature);
            return restartRequired ? new InstallResult(feature, true, List.of(), "Installed; restart Parley to use it.")
                    : new InstallResult(feature, false, List.of(PQ), "Installed. X25519 + ML-KEM-768 is ready to use.");
        }
    }
}
