package org.parley.plugins.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.parley.plugins.AvailableFeature;
import org.parley.plugins.InstallProgress;
import org.parley.plugins.InstallResult;
import org.parley.plugins.InstalledScheme;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginInstaller;
import org.parley.plugins.PluginRepository;

/**
 * "Encryption plugins": the schemes installed now (id, name, bundle, version), a plugin repository to
 * open (URL or folder), the features it offers, and Install with progress, Cancel and errors in plain
 * words. Loading and installing run on a background thread; the dialog stays responsive and cannot be
 * closed while an installation runs (Cancel first). When a live start was impossible it offers to restart.
 *
 * <h3>Threading</h3>
 * Create and use on the UI thread. Work goes to {@code background}; results come back through
 * {@link Display#asyncExec}.
 */
public final class EncryptionPluginsDialog extends Dialog {

    /** Id of the "Restart Now" button, shown when an installation needs a restart. */
    static final int RESTART_ID = IDialogConstants.CLIENT_ID + 1;

    private final PluginInstaller installer;
    private final Runnable restart;
    private final Executor background;
    private final String initialLocation;

    private Table schemesTable;
    private Text locationText;
    private Button browseButton;
    private Button loadButton;
    private Table featuresTable;
    private Button installButton;
    private Button cancelButton;
    private ProgressBar progressBar;
    private Label taskLabel;
    private Text messageText;

    private PluginRepository repository;
    private volatile boolean busy;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private boolean restartOffered;

    /**
     * @param restart restarts the client (the workbench's restart); null if this client cannot
     * @param background runs loads and installs off the UI thread
     * @param initialLocation pre-filled repository location, may be empty
     */
    public EncryptionPluginsDialog(Shell parent, PluginInstaller installer, Runnable restart, Executor background,
            String initialLocation) {
        super(parent);
        this.installer = installer;
        this.restart = restart;
        this.background = background;
        this.initialLocation = initialLocation == null ? "" : initialLocation;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Encryption Plugins");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(area);

        label(area, "Installed encryption schemes:", 4);
        schemesTable = table(area, 4, 110, "Scheme id", 190, "Name", 200, "Bundle", 190, "Version", 150);

        label(area, "Install a plugin from a p2 repository (https:// address or a local folder):", 4);
        locationText = new Text(area, SWT.SINGLE | SWT.BORDER);
        locationText.setMessage("https://example.org/parley-plugins/  or  /path/to/repository");
        locationText.setText(initialLocation);
        locationText.addListener(SWT.DefaultSelection, e -> loadRepository());
        locationText.addListener(SWT.Traverse, EncryptionPluginsDialog::keepReturn);
        locationText.addListener(SWT.Modify, e -> updateButtons());
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(locationText);
        browseButton = button(area, "&Browse Folder...", this::browse);
        loadButton = button(area, "&Show Plugins", this::loadRepository);
        new Label(area, SWT.NONE);

        label(area, "Plugins in the repository:", 4);
        featuresTable = table(area, 4, 110, "Name", 260, "Feature id", 260, "Version", 170, "Status", 80);
        featuresTable.addListener(SWT.Selection, e -> updateButtons());
        featuresTable.addListener(SWT.DefaultSelection, e -> install());
        featuresTable.addListener(SWT.Traverse, EncryptionPluginsDialog::keepReturn);

        installButton = button(area, "&Install", this::install);
        cancelButton = button(area, "&Cancel Installation", this::cancel);
        progressBar = new ProgressBar(area, SWT.HORIZONTAL | SWT.SMOOTH);
        progressBar.setMaximum(100);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).span(2, 1).applyTo(progressBar);
        taskLabel = new Label(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).applyTo(taskLabel);

        messageText = new Text(area, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        messageText.setBackground(area.getBackground());
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).hint(SWT.DEFAULT, 72).applyTo(messageText);

        refreshSchemes();
        setIdle("");
        return area;
    }

    /** Starts in the location field: what a user comes here to do (and what keyboard users need). */
    @Override
    public void create() {
        super.create();
        locationText.setFocus();
    }

    /**
     * Enter in the location field loads and in the plugin list installs: it must not also press the
     * dialog's default button (Close), which is what a Return traversal does.
     */
    static void keepReturn(org.eclipse.swt.widgets.Event e) {
        if (e.detail == SWT.TRAVERSE_RETURN) {
            e.doit = false;
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else if (buttonId == RESTART_ID && restart != null && !busy) {
            setReturnCode(RESTART_ID);
            super.close();
            restart.run();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    /** Refuses to close while an installation runs: half-applied state must not lose its dialog. */
    @Override
    public boolean close() {
        if (busy) {
            showError("An installation is running: cancel it first, or wait until it ends.");
            return false;
        }
        return super.close();
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    void refreshSchemes() {
        schemesTable.removeAll();
        for (InstalledScheme scheme : installer.installedSchemes()) {
            TableItem item = new TableItem(schemesTable, SWT.NONE);
            item.setText(new String[] {scheme.id(), scheme.name(), scheme.bundle(), scheme.version()});
        }
    }

    void browse() {
        DirectoryDialog dialog = new DirectoryDialog(getShell(), SWT.OPEN);
        dialog.setText("Plugin Repository Folder");
        dialog.setMessage("Choose the folder of a p2 repository (it holds content.jar or p2.index).");
        String folder = dialog.open();
        if (folder != null) {
            locationText.setText(folder);
            loadRepository();
        }
    }

    void loadRepository() {
        if (busy) {
            return;
        }
        String location = locationText.getText();
        repository = null;
        featuresTable.removeAll();
        setBusy("Opening the repository...", false);
        run(() -> {
            try {
                PluginRepository loaded = installer.load(location, progress());
                ui(() -> showRepository(loaded));
            } catch (PluginException e) {
                ui(() -> fail(e.getMessage()));
            } catch (RuntimeException e) {
                ui(() -> fail("The repository could not be opened: " + describe(e)));
            }
        });
    }

    private void showRepository(PluginRepository loaded) {
        repository = loaded;
        featuresTable.removeAll();
        for (AvailableFeature f : loaded.features()) {
            TableItem item = new TableItem(featuresTable, SWT.NONE);
            item.setText(new String[] {f.name(), f.id(), f.version(), f.installed() ? "installed" : "available"});
            item.setData(f);
        }
        int first = firstInstallable(loaded.features());
        if (first >= 0) {
            featuresTable.setSelection(first);
        }
        // Enter now installs the preselected plugin
        featuresTable.setFocus();
        long installable = loaded.features().stream().filter(f -> !f.installed()).count();
        setIdle(installable == 0 ? "Everything in " + loaded.name() + " is already installed."
                : loaded.name() + ": " + installable + " plugin" + (installable == 1 ? "" : "s") + " can be installed.");
    }

    private static int firstInstallable(List<AvailableFeature> features) {
        for (int i = 0; i < features.size(); i++) {
            if (!features.get(i).installed()) {
                return i;
            }
        }
        return -1;
    }

    void install() {
        AvailableFeature feature = selectedFeature();
        PluginRepository repo = repository;
        if (busy || feature == null || repo == null || feature.installed()) {
            return;
        }
        cancelRequested.set(false);
        setBusy("Installing " + feature.name() + "...", true);
        run(() -> {
            try {
                InstallResult result = installer.install(repo, feature, progress());
                ui(() -> installed(result));
            } catch (PluginException e) {
                ui(() -> fail(e.getMessage()));
            } catch (RuntimeException e) {
                ui(() -> fail("Installing '" + feature.name() + "' failed: " + describe(e)));
            }
        });
    }

    private void installed(InstallResult result) {
        refreshSchemes();
        for (TableItem item : featuresTable.getItems()) {
            AvailableFeature f = (AvailableFeature) item.getData();
            if (f.id().equals(result.feature().id())) {
                AvailableFeature now = new AvailableFeature(f.id(), f.version(), f.name(), f.description(), true);
                item.setData(now);
                item.setText(3, result.restartRequired() ? "restart needed" : "installed");
            }
        }
        progressBar.setSelection(100);
        setIdle(result.message());
        if (result.restartRequired()) {
            offerRestart();
        }
    }

    private void offerRestart() {
        if (restart == null || restartOffered) {
            return;
        }
        restartOffered = true;
        Composite bar = (Composite) getButtonBar();
        createButton(bar, RESTART_ID, "&Restart Now", false);
        bar.getParent().layout(true, true);
    }

    void cancel() {
        if (busy) {
            cancelRequested.set(true);
            taskLabel.setText("Cancelling...");
            cancelButton.setEnabled(false);
        }
    }

    private InstallProgress progress() {
        return new InstallProgress() {
            @Override
            public void progress(String task, int percent) {
                ui(() -> {
                    if (busy) {
                        progressBar.setSelection(Math.max(0, Math.min(100, percent)));
                        if (!cancelRequested.get()) {
                            taskLabel.setText(task);
                        }
                    }
                });
            }

            @Override
            public boolean isCancelled() {
                return cancelRequested.get();
            }
        };
    }

    private void setBusy(String task, boolean cancellable) {
        busy = true;
        messageText.setText("");
        messageText.setForeground(null);
        taskLabel.setText(task);
        progressBar.setSelection(0);
        progressBar.setVisible(true);
        cancelButton.setVisible(cancellable);
        cancelButton.setEnabled(cancellable);
        updateButtons();
    }

    private void setIdle(String message) {
        busy = false;
        taskLabel.setText("");
        progressBar.setVisible(false);
        cancelButton.setVisible(false);
        messageText.setForeground(null);
        messageText.setText(message);
        updateButtons();
    }

    private void fail(String message) {
        setIdle("");
        showError(message);
    }

    private void showError(String message) {
        messageText.setForeground(messageText.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        messageText.setText(message);
    }

    private void updateButtons() {
        if (installButton == null || installButton.isDisposed()) {
            return;
        }
        AvailableFeature selected = selectedFeature();
        installButton.setEnabled(!busy && selected != null && !selected.installed());
        loadButton.setEnabled(!busy && !locationText.getText().isBlank());
        browseButton.setEnabled(!busy);
        locationText.setEnabled(!busy);
        Control close = getButton(IDialogConstants.CLOSE_ID);
        if (close != null) {
            close.setEnabled(!busy);
        }
    }

    private AvailableFeature selectedFeature() {
        int index = featuresTable.getSelectionIndex();
        return index < 0 ? null : (AvailableFeature) featuresTable.getItem(index).getData();
    }

    private void run(Runnable work) {
        background.execute(work);
    }

    /** Runs {@code r} on the UI thread unless the dialog was closed meanwhile. */
    private void ui(Runnable r) {
        Shell shell = getShell();
        if (shell == null || shell.isDisposed()) {
            return;
        }
        shell.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                r.run();
            }
        });
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Label label(Composite parent, String text, int span) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(text);
        GridDataFactory.fillDefaults().span(span, 1).applyTo(label);
        return label;
    }

    private Button button(Composite parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(button);
        return button;
    }

    /** A table spanning {@code span} columns, {@code height} pixels high, with (title, width) columns. */
    private static Table table(Composite parent, int span, int height, Object... columns) {
        Table table = new Table(parent, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < columns.length; i += 2) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText((String) columns[i]);
            column.setWidth((Integer) columns[i + 1]);
        }
        GridDataFactory.fillDefaults().grab(true, true).span(span, 1).hint(SWT.DEFAULT, height).applyTo(table);
        return table;
    }

    // accessors for tests in the fragment

    Table schemesTable() {
        return schemesTable;
    }

    Text locationText() {
        return locationText;
    }

    Table featuresTable() {
        return featuresTable;
    }

    Button installButton() {
        return installButton;
    }

    Button cancelButton() {
        return cancelButton;
    }

    ProgressBar progressBar() {
        return progressBar;
    }

    Label taskLabel() {
        return taskLabel;
    }

    Text messageText() {
        return messageText;
    }

    boolean isBusy() {
        return busy;
    }

    Button button(int id) {
        return getButton(id);
    }
}
