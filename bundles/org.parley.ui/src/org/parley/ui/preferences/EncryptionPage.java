package org.parley.ui.preferences;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.parley.chat.ChatService;
import org.parley.crypto.api.SchemeInfo;
import org.parley.ui.ClientSettings;

/**
 * The scheme new conversations start with, and the schemes this client accepts and sends with: a
 * message in any other scheme is refused, so a relay cannot downgrade a conversation.
 */
final class EncryptionPage extends PreferencePage {

    private final ClientSettings settings;
    private final ChatService chat;
    private final List<SchemeInfo> installed;
    private final List<Button> boxes = new ArrayList<>();
    private Combo defaultScheme;

    EncryptionPage(ClientSettings settings, ChatService chat) {
        super("Encryption");
        this.settings = settings;
        this.chat = chat;
        this.installed = chat.installedSchemes();
        setDescription("Messages encrypted with a scheme you do not allow are refused.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(area);
        new Label(area, SWT.NONE).setText("Default scheme:");
        defaultScheme = new Combo(area, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(defaultScheme);
        Set<String> allowed = settings.allowedSchemes();
        int selected = 0;
        for (int i = 0; i < installed.size(); i++) {
            defaultScheme.add(installed.get(i).displayName());
            if (installed.get(i).id().equals(settings.defaultScheme())) {
                selected = i;
            }
        }
        if (!installed.isEmpty()) {
            defaultScheme.select(selected);
        }
        Group group = new Group(area, SWT.NONE);
        group.setText("Allowed schemes");
        GridLayoutFactory.swtDefaults().applyTo(group);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(group);
        for (SchemeInfo scheme : installed) {
            Button box = new Button(group, SWT.CHECK);
            box.setText(scheme.displayName() + "  (" + scheme.id() + ")");
            box.setData(scheme.id());
            box.setSelection(allowed.isEmpty() || allowed.contains(scheme.id()));
            box.addListener(SWT.Selection, e -> validate());
            boxes.add(box);
        }
        if (installed.isEmpty()) {
            new Label(group, SWT.NONE).setText("No encryption scheme is installed.");
        }
        defaultScheme.addListener(SWT.Selection, e -> validate());
        return area;
    }

    private void validate() {
        String problem = null;
        if (!boxes.isEmpty() && chosen().isEmpty()) {
            problem = "Allow at least one scheme, or nothing can be sent or received.";
        } else if (defaultScheme.getSelectionIndex() >= 0
                && !boxes.get(defaultScheme.getSelectionIndex()).getSelection()) {
            problem = "The default scheme must be one of the allowed schemes.";
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    private Set<String> chosen() {
        Set<String> ids = new LinkedHashSet<>();
        boxes.stream().filter(Button::getSelection).forEach(b -> ids.add((String) b.getData()));
        return ids;
    }

    @Override
    public boolean performOk() {
        if (defaultScheme == null || installed.isEmpty()) {
            return true;
        }
        settings.setDefaultScheme(installed.get(defaultScheme.getSelectionIndex()).id());
        Set<String> ids = chosen();
        settings.setAllowedSchemes(ids);
        chat.setAllowedSchemes(ids);
        return true;
    }

    Combo defaultSchemeCombo() {
        return defaultScheme;
    }

    List<Button> schemeBoxes() {
        return boxes;
    }
}
