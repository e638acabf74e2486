package org.parley.plugins;

import java.util.List;

/**
 * Lists the encryption schemes installed in this client and installs new encryption plugins (p2
 * features) from a p2 repository into the running client, without a restart when possible.
 *
 * <h3>Security</h3>
 * Installing a plugin runs its code with the client's full rights, including access to plaintext and
 * keys: only install from repositories you trust. The installer installs only what the user picked,
 * from the one repository the user gave (plus what this client already has); it never adds the
 * repository to the client's list of update sites.
 *
 * <h3>Threading</h3>
 * All methods are thread-safe. {@link #load} and {@link #install} block for network and disk I/O and
 * must not be called on a UI thread; at most one {@link #install} runs at a time.
 */
public interface PluginInstaller {

    /** The encryption schemes registered right now, sorted by id. Cheap; any thread. */
    List<InstalledScheme> installedSchemes();

    /**
     * Opens the p2 repository at {@code location} and lists its installable features.
     *
     * @param location an {@code http(s)://} or {@code file:} URL, or an absolute path of a local folder
     *     (or of a zipped repository)
     * @throws PluginException with reason {@code INVALID_LOCATION}, {@code NOT_A_REPOSITORY},
     *     {@code UNREACHABLE}, {@code NOTHING_INSTALLABLE} or {@code CANCELLED}
     */
    PluginRepository load(String location, InstallProgress progress) throws PluginException;

    /**
     * Installs {@code feature} from {@code repository} into this client's installation and, when
     * possible, starts its bundles at once so that its schemes can be used without a restart.
     *
     * @throws PluginException with any reason; after a failure or cancellation the installation is
     *     unchanged
     */
    InstallResult install(PluginRepository repository, AvailableFeature feature, InstallProgress progress)
            throws PluginException;
}
