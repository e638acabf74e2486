package org.parley.plugins.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.parley.crypto.api.CryptoScheme;
import org.parley.plugins.InstalledScheme;

/** Reads the registered {@link CryptoScheme} services and the bundles that provide them. */
final class SchemeLister {

    private SchemeLister() {
    }

    static List<InstalledScheme> list(BundleContext context) {
        List<InstalledScheme> result = new ArrayList<>();
        if (context == null) {
            return result;
        }
        java.util.Collection<ServiceReference<CryptoScheme>> refs;
        try {
            refs = context.getServiceReferences(CryptoScheme.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a null filter is always valid
        } catch (IllegalStateException e) {
            return result; // our bundle is stopping
        }
        for (ServiceReference<CryptoScheme> ref : refs) {
            Bundle bundle = ref.getBundle();
            if (bundle == null) {
                continue; // unregistered meanwhile
            }
            CryptoScheme scheme = context.getService(ref);
            if (scheme == null) {
                continue;
            }
            try {
                Object id = ref.getProperty(CryptoScheme.SCHEME_ID_PROPERTY);
                String schemeId = id instanceof String s ? s : scheme.info().id();
                result.add(new InstalledScheme(schemeId, scheme.info().displayName(), bundle.getSymbolicName(),
                        bundle.getVersion().toString()));
            } catch (RuntimeException e) {
                // a broken scheme is not listed; the chat service refuses it the same way
            } finally {
                context.ungetService(ref);
            }
        }
        result.sort(Comparator.comparing(InstalledScheme::id));
        return result;
    }
}
