package org.parley.plugins;

/**
 * Receives progress from a long {@link PluginInstaller} operation and tells it whether to stop.
 *
 * <h3>Threading</h3>
 * Called on the thread that runs the operation (never a UI thread); implementations hand updates to
 * their UI thread themselves. {@link #isCancelled()} is polled often and must be cheap.
 */
public interface InstallProgress {

    /** Progress without a UI and without cancellation. */
    InstallProgress NONE = new InstallProgress() {
        @Override
        public void progress(String task, int percent) {
            // nobody to tell
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * The operation is at {@code percent} (0 to 100) and doing {@code task}, a short phrase for the user
     * (for example "Downloading org.parley.crypto.pq").
     */
    void progress(String task, int percent);

    /** {@code true} once the user asked to stop; the operation then ends with {@link PluginException.Reason#CANCELLED}. */
    boolean isCancelled();
}
