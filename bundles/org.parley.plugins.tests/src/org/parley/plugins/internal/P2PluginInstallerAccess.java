package org.parley.plugins.internal;

import org.osgi.framework.FrameworkUtil;
import org.parley.plugins.PluginInstaller;

/** Gives tests in other packages an active real installer (its activation is package-private). */
public final class P2PluginInstallerAccess {

    private P2PluginInstallerAccess() {
    }

    public static PluginInstaller create() {
        P2PluginInstaller installer = new P2PluginInstaller();
        installer.activate(FrameworkUtil.getBundle(P2PluginInstaller.class).getBundleContext());
        return installer;
    }
}
