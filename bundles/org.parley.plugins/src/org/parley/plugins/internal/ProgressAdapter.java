package org.parley.plugins.internal;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.parley.plugins.InstallProgress;

/**
 * Presents an {@link InstallProgress} to p2 as an {@link org.eclipse.core.runtime.IProgressMonitor}:
 * percent of the top-level task, the most specific task name p2 gave, and the user's cancellation.
 * Used from one thread at a time (the operation's), like any monitor.
 */
final class ProgressAdapter extends NullProgressMonitor {

    private final InstallProgress progress;
    private double total = 100;
    private double done;
    private String task = "";
    private String subTask = "";
    private int lastPercent = -1;
    private String lastText = "";

    ProgressAdapter(InstallProgress progress) {
        this.progress = progress;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork > 0 ? totalWork : 100;
        done = 0;
        setTaskName(name);
    }

    @Override
    public void setTaskName(String name) {
        task = name == null ? "" : name;
        report();
    }

    @Override
    public void subTask(String name) {
        subTask = name == null ? "" : name;
        report();
    }

    @Override
    public void internalWorked(double work) {
        done = Math.min(total, done + work);
        report();
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public boolean isCanceled() {
        return super.isCanceled() || progress.isCancelled();
    }

    /** Reports progress in this component's own words (for steps p2 does not describe). */
    void step(String text) {
        subTask = "";
        task = text;
        report();
    }

    private void report() {
        int percent = (int) Math.round(100 * done / total);
        String text = !subTask.isBlank() ? subTask : task;
        if (percent != lastPercent || !text.equals(lastText)) {
            lastPercent = percent;
            lastText = text;
            progress.progress(text, percent);
        }
    }
}
