package org.parley.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.parley.crypto.api.SchemeInfo;

/**
 * Chooses the schemes this client accepts and sends with. Messages in any other scheme are refused, so a
 * relay cannot downgrade a conversation to a scheme the user does not trust. At least one must stay on.
 */
public final class AllowedSchemesDialog extends TitleAreaDialog {

    private final List<SchemeInfo> installed;
    private final Set<String> allowed;
    private final List<Button> boxes = new ArrayList<>();

    public AllowedSchemesDialog(Shell parent, List<SchemeInfo> installed, Set<String> allowed) {
        super(parent);
        this.installed = List.copyOf(installed);
        this.allowed = new LinkedHashSet<>(allowed);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Allowed encryption schemes");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Allowed encryption schemes");
        setMessage("Messages encrypted with a scheme you do not allow are refused.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite list = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(12, 12).applyTo(list);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(list);
        for (SchemeInfo scheme : installed) {
            Button box = new Button(list, SWT.CHECK);
            box.setText(scheme.displayName() + "  (" + scheme.id() + ")");
            box.setData(scheme.id());
            box.setSelection(allowed.contains(scheme.id()));
            box.addListener(SWT.Selection, e -> validate());
            boxes.add(box);
        }
        return area;
    }

    private void validate() {
        boolean any = boxes.stream().anyMatch(Button::getSelection);
        setErrorMessage(any ? null : "Allow at least one scheme, or nothing can be sent or received.");
        getButton(IDialogConstants.OK_ID).setEnabled(any);
    }

    @Override
    protected void okPressed() {
        allowed.clear();
        boxes.stream().filter(Button::getSelection).forEach(b -> allowed.add((String) b.getData()));
        super.okPressed();
    }

    /** The chosen scheme ids, after OK. */
    public Set<String> allowed() {
        return Set.copyOf(allowed);
    }
}
