package org.parley.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.UnknownHostException;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.junit.jupiter.api.Test;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;

class P2ErrorsTest {

    private static final String ID = "test";

    @Test
    void leafMessagesAreCollectedOnceWithoutExceptionNamesOrStackTraces() {
        MultiStatus root = new MultiStatus(ID, 0, "Cannot complete the install because of a conflict", null);
        root.add(Status.error("Missing requirement: pq 1.0 requires 'osgi.bundle; org.bouncycastle.bcprov [1.90,2)'"));
        root.add(Status.error("Missing requirement: pq 1.0 requires 'osgi.bundle; org.bouncycastle.bcprov [1.90,2)'"));
        root.add(new Status(IStatus.ERROR, ID, "", new UnknownHostException("plugins.example.org")));
        root.add(Status.error("java.io.IOException: disk full\n\tat org.example.Foo.bar(Foo.java:1)\nCaused by: x"));
        String summary = P2Errors.summarize(root);
        assertEquals("Missing requirement: pq 1.0 requires 'osgi.bundle; org.bouncycastle.bcprov [1.90,2)'\n"
                + "plugins.example.org\n" + "disk full", summary);
        assertFalse(summary.contains("Exception"), summary);
    }

    @Test
    void longExplanationsAreCapped() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("line ").append(i).append(' ').append("x".repeat(i == 0 ? 500 : 1)).append('\n');
        }
        String summary = P2Errors.summarize(text.toString());
        String[] lines = summary.split("\n");
        assertEquals(P2Errors.MAX_LINES + 1, lines.length, summary);
        assertEquals(P2Errors.MAX_LINE, lines[0].length());
        assertTrue(lines[0].endsWith("..."));
        assertEquals("(14 more)", lines[lines.length - 1]);
        assertEquals("", P2Errors.summarize((String) null));
    }

    @Test
    void loadFailuresMapToReasonsAUserCanActOn() {
        URI folder = URI.create("file:/tmp/not-a-repo/");
        URI web = URI.create("https://plugins.example.org/");
        PluginException notFound = P2Errors.loadFailure(folder,
                new ProvisionException(new Status(IStatus.ERROR, ID, ProvisionException.REPOSITORY_NOT_FOUND,
                        "No repository found at file:/tmp/not-a-repo/.", null)));
        assertEquals(Reason.NOT_A_REPOSITORY, notFound.reason());
        assertTrue(notFound.getMessage().startsWith("No p2 repository was found at /tmp/not-a-repo."), notFound.getMessage());

        PluginException remote = P2Errors.loadFailure(web, new ProvisionException(new Status(IStatus.ERROR, ID,
                ProvisionException.REPOSITORY_NOT_FOUND, "", new UnknownHostException("plugins.example.org"))));
        assertEquals(Reason.NOT_A_REPOSITORY, remote.reason());
        assertTrue(remote.getMessage().contains("cannot be reached"), remote.getMessage());
        assertTrue(remote.getMessage().endsWith("\nplugins.example.org"), remote.getMessage());

        assertEquals(Reason.UNREACHABLE, P2Errors.loadFailure(web, new ProvisionException(new Status(IStatus.ERROR, ID,
                ProvisionException.REPOSITORY_FAILED_READ, "Read timed out", null))).reason());
        assertEquals(Reason.UNREACHABLE, P2Errors.loadFailure(web, new ProvisionException(new Status(IStatus.ERROR, ID,
                ProvisionException.REPOSITORY_FAILED_AUTHENTICATION, "401", null))).reason());
        assertEquals(Reason.INVALID_LOCATION, P2Errors.loadFailure(web, new ProvisionException(new Status(IStatus.ERROR,
                ID, ProvisionException.REPOSITORY_INVALID_LOCATION, "bad", null))).reason());
    }
}
