package org.parley.plugins;

import java.util.Objects;

/**
 * An encryption scheme that is installed and active in this client right now.
 *
 * @param id the scheme's wire id ({@code parley.scheme.id}), e.g. {@code rsa-oaep-aes-gcm}
 * @param name the scheme's display name
 * @param bundle symbolic name of the OSGi bundle that provides it
 * @param version that bundle's version
 */
public record InstalledScheme(String id, String name, String bundle, String version) {

    public InstalledScheme {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(version, "version");
    }
}
