package org.parley.ui.parts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.workbench.modeling.ISelectionListener;

/** The workbench services a part uses, without a running workbench. */
final class WorkbenchFakes {

    private WorkbenchFakes() {
    }

    /**
     * Records what a part publishes and, as the workbench does for the active part, puts it into
     * {@code window} as the active selection, where command handlers look it up.
     */
    static final class Selection implements ESelectionService {

        final List<Object> published = new ArrayList<>();
        private final IEclipseContext window;
        private Object current;

        Selection(IEclipseContext window) {
            this.window = window;
        }

        @Override
        public void setSelection(Object selection) {
            published.add(selection);
            current = selection;
            window.set(IServiceConstants.ACTIVE_SELECTION, selection);
        }

        @Override
        public void setPostSelection(Object selection) {
            setSelection(selection);
        }

        @Override
        public Object getSelection() {
            return current;
        }

        @Override
        public Object getSelection(String partId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addSelectionListener(ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeSelectionListener(ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addSelectionListener(String partId, ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeSelectionListener(String partId, ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addPostSelectionListener(ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removePostSelectionListener(ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addPostSelectionListener(String partId, ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removePostSelectionListener(String partId, ISelectionListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    /** Records the context menus a part registers. */
    static final class Menus implements EMenuService {

        record Registration(Object control, String menuId) {
        }

        final List<Registration> registered = new ArrayList<>();

        @Override
        public boolean registerContextMenu(Object parent, String menuId) {
            registered.add(new Registration(parent, menuId));
            return true;
        }
    }
}
