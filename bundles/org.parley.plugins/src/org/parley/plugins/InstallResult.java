package org.parley.plugins;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful installation.
 *
 * @param feature what was installed
 * @param restartRequired {@code false} if the new bundles were installed and started in the running
 *     client (its schemes are usable now); {@code true} if they were added to the installation but
 *     become active only after a restart
 * @param newSchemes the encryption schemes that the installation made available right now (empty
 *     when a restart is required, or when the feature holds no scheme)
 * @param message a sentence fit to show the user
 */
public record InstallResult(AvailableFeature feature, boolean restartRequired, List<InstalledScheme> newSchemes,
        String message) {

    public InstallResult {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(message, "message");
        newSchemes = List.copyOf(newSchemes);
    }
}
