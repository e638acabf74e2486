package org.parley.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Evaluate;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationFactory;
import org.eclipse.e4.ui.model.application.MContribution;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandsFactory;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.ui.MImperativeExpression;
import org.eclipse.e4.ui.model.application.ui.MUiFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuFactory;
import org.eclipse.e4.ui.model.application.ui.menu.MPopupMenu;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.parley.ui.handlers.AcceptNewKeyHandler;
import org.parley.ui.handlers.CopyFingerprintHandler;
import org.parley.ui.handlers.KeyChangePending;
import org.parley.ui.handlers.OpenChatHandler;
import org.parley.ui.handlers.ShowSafetyNumberHandler;
import org.parley.ui.parts.ContactsPart;

/**
 * The product's application model (org.parley.app/Application.e4xmi), loaded with EMF: the contacts
 * context menu is a popup menu of the contacts part whose items are bound to commands with handlers in
 * this bundle, and every class the model names in this bundle exists.
 */
class ApplicationModelTest {

    private static final String UI_BUNDLE_PREFIX = "bundleclass://org.parley.ui/";

    private static MApplication application;

    @BeforeAll
    static void load() {
        ResourceSet set = new ResourceSetImpl();
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("e4xmi", new XMIResourceFactoryImpl());
        // register the e4 model's packages without naming their internal implementation classes
        for (Object sample : List.of(MApplicationFactory.INSTANCE.createApplication(),
                MCommandsFactory.INSTANCE.createCommand(), MUiFactory.INSTANCE.createImperativeExpression(),
                MBasicFactory.INSTANCE.createPart(), MMenuFactory.INSTANCE.createPopupMenu(),
                org.eclipse.e4.ui.model.application.descriptor.basic.MBasicFactory.INSTANCE.createPartDescriptor())) {
            EPackage ePackage = ((EObject) sample).eClass().getEPackage();
            set.getPackageRegistry().put(ePackage.getNsURI(), ePackage);
        }
        Resource resource = set.getResource(URI.createFileURI(modelFile().toString()), true);
        assertEquals(List.of(), resource.getErrors(), "the model loads without errors");
        application = (MApplication) resource.getContents().get(0);
    }

    /** The model file in the source tree: the tests run somewhere below the checkout. */
    private static Path modelFile() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bundles/org.parley.app/Application.e4xmi");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail("bundles/org.parley.app/Application.e4xmi not found above " + System.getProperty("user.dir"));
    }

    private static MPart contactsPart() {
        List<MPart> parts = new ArrayList<>();
        ((EObject) application).eAllContents().forEachRemaining(o -> {
            if (o instanceof MPart part && "org.parley.ui.part.contacts".equals(part.getElementId())) {
                parts.add(part);
            }
        });
        assertEquals(1, parts.size(), "one contacts part");
        return parts.get(0);
    }

    @Test
    void theContactsPartHasThePopupMenuItRegisters() {
        MPart part = contactsPart();
        assertEquals("bundleclass://org.parley.ui/" + ContactsPart.class.getName(), part.getContributionURI());
        List<MMenu> popups = part.getMenus().stream().filter(m -> ContactsPart.CONTEXT_MENU_ID.equals(m.getElementId()))
                .toList();
        assertEquals(1, popups.size(), "the menu id the part registers is declared on it");
        MPopupMenu popup = assertInstanceOf(MPopupMenu.class, popups.get(0));

        Map<String, Class<?>> expected = new LinkedHashMap<>();
        expected.put("Open chat", OpenChatHandler.class);
        expected.put("Show safety number...", ShowSafetyNumberHandler.class);
        expected.put("Copy fingerprint", CopyFingerprintHandler.class);
        expected.put("Accept new identity key...", AcceptNewKeyHandler.class);
        assertEquals(List.copyOf(expected.keySet()), popup.getChildren().stream().map(MMenuElement::getLabel).toList());

        for (MMenuElement element : popup.getChildren()) {
            MHandledMenuItem item = assertInstanceOf(MHandledMenuItem.class, element, element.getLabel());
            MCommand command = item.getCommand();
            assertNotNull(command, item.getLabel() + " is bound to a command");
            assertTrue(application.getCommands().contains(command), command.getElementId() + " is declared");
            List<MHandler> handlers = application.getHandlers().stream().filter(h -> h.getCommand() == command)
                    .toList();
            assertEquals(1, handlers.size(), "one handler for " + command.getElementId());
            Class<?> handler = resolve(handlers.get(0));
            assertEquals(expected.get(item.getLabel()), handler, item.getLabel());
            assertTrue(hasMethod(handler, Execute.class) && hasMethod(handler, CanExecute.class),
                    handler.getSimpleName() + " has @Execute and @CanExecute");
        }

        MMenuElement accept = popup.getChildren().get(3);
        MImperativeExpression visibleWhen = assertInstanceOf(MImperativeExpression.class, accept.getVisibleWhen(),
                "accepting a key is offered only while a key change is pending");
        assertEquals(KeyChangePending.class, resolve(visibleWhen));
        assertTrue(hasMethod(KeyChangePending.class, Evaluate.class));
        popup.getChildren().subList(0, 3)
                .forEach(item -> assertEquals(null, item.getVisibleWhen(), item.getLabel() + " is always shown"));
    }

    @Test
    void everyClassTheModelNamesInThisBundleExists() {
        List<MContribution> contributions = new ArrayList<>();
        ((EObject) application).eAllContents().forEachRemaining(o -> {
            if (o instanceof MContribution c && c.getContributionURI() != null
                    && c.getContributionURI().startsWith(UI_BUNDLE_PREFIX)) {
                contributions.add(c);
            }
        });
        assertTrue(contributions.containsAll(application.getHandlers()), "every handler is in this bundle");
        assertTrue(contributions.contains(contactsPart()));
        contributions.forEach(ApplicationModelTest::resolve);
        // every command has exactly the handlers the menus and bindings rely on
        for (MCommand command : application.getCommands()) {
            assertEquals(1, application.getHandlers().stream().filter(h -> h.getCommand() == command).count(),
                    "one handler for " + command.getElementId());
        }
    }

    /** Loads the contribution's class the way the workbench does: from the bundle its URI names. */
    private static Class<?> resolve(MContribution contribution) {
        String uri = contribution.getContributionURI();
        assertTrue(uri.startsWith(UI_BUNDLE_PREFIX), uri);
        Bundle ui = FrameworkUtil.getBundle(ContactsPart.class);
        assertEquals("org.parley.ui", ui.getSymbolicName());
        try {
            return ui.loadClass(uri.substring(UI_BUNDLE_PREFIX.length()));
        } catch (ClassNotFoundException e) {
            return fail(uri + " does not resolve to a class of org.parley.ui", e);
        }
    }

    private static boolean hasMethod(Class<?> type, Class<? extends Annotation> annotation) {
        return Arrays.stream(type.getDeclaredMethods()).map(Method::getAnnotations).flatMap(Arrays::stream)
                .anyMatch(a -> a.annotationType() == annotation);
    }
}
