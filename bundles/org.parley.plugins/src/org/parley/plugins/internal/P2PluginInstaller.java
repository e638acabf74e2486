package org.parley.plugins.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.internal.provisional.configurator.Configurator;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parley.plugins.AvailableFeature;
import org.parley.plugins.InstallProgress;
import org.parley.plugins.InstallResult;
import org.parley.plugins.InstalledScheme;
import org.parley.plugins.PluginException;
import org.parley.plugins.PluginException.Reason;
import org.parley.plugins.PluginInstaller;
import org.parley.plugins.PluginRepository;

/**
 * {@link PluginInstaller} on p2, into the running installation's own profile ({@code _SELF_}): p2
 * operations plan and perform the change (download, install, write {@code bundles.info}), then the
 * simpleconfigurator's {@link Configurator#applyConfiguration()} installs and starts the new bundles in
 * this framework, which is what Eclipse's "Apply Changes Now" does. Declarative Services then registers
 * the new scheme, and the chat service binds it dynamically.
 *
 * <h3>Security</h3>
 * Only the feature the user picked is installed, only from the repository the user gave and this
 * installation's profile. The repository is loaded for the operation and forgotten afterwards unless the
 * installation already knew it, so it never becomes an update site by accident. Nothing is logged.
 *
 * <h3>Threading</h3>
 * Thread-safe; {@link #load} and {@link #install} block and must not run on a UI thread; installs are
 * serialized by a lock (a second concurrent one fails with {@link Reason#BUSY}).
 */
@Component(service = PluginInstaller.class)
public final class P2PluginInstaller implements PluginInstaller {

    /** p2 names a feature's installable unit after the feature with this suffix. */
    static final String GROUP_SUFFIX = ".feature.group";
    /** How long to wait for a newly started bundle's scheme to register. */
    static final long SCHEME_WAIT_MILLIS = 10_000;

    private final ReentrantLock installing = new ReentrantLock();
    private volatile BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Deactivate
    void deactivate() {
        this.context = null;
    }

    @Override
    public List<InstalledScheme> installedSchemes() {
        return SchemeLister.list(context);
    }

    @Override
    public PluginRepository load(String location, InstallProgress progress) throws PluginException {
        URI uri = RepositoryLocations.parse(location);
        ProgressAdapter monitor = new ProgressAdapter(progress);
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        monitor.step("Opening " + P2Errors.display(uri));
        IProvisioningAgent agent = agent();
        try (LoadedRepository repo = LoadedRepository.open(agent, uri, sub.split(80))) {
            IProfile profile = selfProfile(agent);
            List<AvailableFeature> features = new ArrayList<>();
            for (IInstallableUnit iu : repo.metadata.query(
                    QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), sub.split(20))) {
                if (iu.getId().endsWith(GROUP_SUFFIX)) {
                    features.add(feature(iu, profile));
                }
            }
            if (features.isEmpty()) {
                throw new PluginException(Reason.NOTHING_INSTALLABLE, "The repository at " + P2Errors.display(uri)
                        + " offers no installable feature.");
            }
            features.sort(Comparator.comparing(AvailableFeature::name, String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(AvailableFeature::id));
            String name = repo.metadata.getName();
            monitor.step("Done");
            return new PluginRepository(uri, name == null || name.isBlank() ? P2Errors.display(uri) : name, features);
        } catch (OperationCanceledException e) {
            throw cancelled();
        }
    }

    @Override
    public InstallResult install(PluginRepository repository, AvailableFeature feature, InstallProgress progress)
            throws PluginException {
        if (!installing.tryLock()) {
            throw new PluginException(Reason.BUSY, "Another plugin installation is running; wait until it ends.");
        }
        try {
            return installLocked(repository.location(), feature, progress);
        } catch (OperationCanceledException e) {
            throw cancelled();
        } finally {
            installing.unlock();
        }
    }

    private InstallResult installLocked(URI uri, AvailableFeature feature, InstallProgress progress)
            throws PluginException {
        ProgressAdapter monitor = new ProgressAdapter(progress);
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        IProvisioningAgent agent = agent();
        IProfile profile = selfProfile(agent);
        if (profile == null) {
            throw new PluginException(Reason.NOT_MANAGED, "This copy of Parley has no p2 installation profile, so "
                    + "plugins cannot be installed into it. Install into the product folder built by the project "
                    + "(it carries its profile), or start Parley from there.");
        }
        String iuId = feature.id() + GROUP_SUFFIX;
        if (!profile.query(QueryUtil.createIUQuery(iuId), null).isEmpty()) {
            throw new PluginException(Reason.ALREADY_INSTALLED, "'" + feature.name() + "' is already installed.");
        }
        monitor.step("Opening " + P2Errors.display(uri));
        try (LoadedRepository repo = LoadedRepository.open(agent, uri, sub.split(10))) {
            Collection<IInstallableUnit> ius = repo.metadata.query(
                    QueryUtil.createIUQuery(iuId, Version.create(feature.version())), sub.split(2)).toUnmodifiableSet();
            if (ius.isEmpty()) {
                throw new PluginException(Reason.NOTHING_INSTALLABLE, "The repository no longer offers '"
                        + feature.name() + "' " + feature.version() + ".");
            }
            ProvisioningSession session = new ProvisioningSession(agent);
            InstallOperation operation = new InstallOperation(session, ius);
            operation.setProfileId(IProfileRegistry.SELF);
            // only the user's repository (and what this installation already has) may supply units
            ProvisioningContext provisioningContext = new ProvisioningContext(agent);
            provisioningContext.setMetadataRepositories(uri);
            provisioningContext.setArtifactRepositories(uri);
            operation.setProvisioningContext(provisioningContext);

            monitor.step("Checking requirements of " + feature.name());
            IStatus resolution = operation.resolveModal(sub.split(18));
            if (resolution.getSeverity() == IStatus.CANCEL || monitor.isCanceled()) {
                throw cancelled();
            }
            if (resolution.getSeverity() == IStatus.ERROR || !operation.hasResolved()) {
                String details = P2Errors.summarize(operation.getResolutionDetails());
                throw new PluginException(Reason.RESOLUTION_FAILED, "'" + feature.name()
                        + "' cannot be installed into this client." + (details.isEmpty()
                                ? "\n" + P2Errors.summarize(resolution) : "\n" + details));
            }
            ProvisioningJob job = operation.getProvisioningJob(sub.split(1));
            if (job == null) {
                throw new PluginException(Reason.RESOLUTION_FAILED, "'" + feature.name()
                        + "' cannot be installed into this client.\n" + P2Errors.summarize(resolution));
            }
            Set<Long> before = bundleIds();
            monitor.step("Installing " + feature.name());
            IStatus result = job.runModal(sub.split(60));
            if (result.getSeverity() == IStatus.CANCEL) {
                throw cancelled();
            }
            if (result.getSeverity() == IStatus.ERROR) {
                throw new PluginException(Reason.INSTALL_FAILED, "Installing '" + feature.name() + "' failed; "
                        + "nothing was changed.\n" + P2Errors.summarize(result));
            }
            // from here on the profile has the feature: cancelling no longer undoes anything
            monitor.step("Starting " + feature.name());
            InstallResult applied = applyLive(feature, before);
            sub.done();
            return applied;
        }
    }

    /**
     * Makes the framework match the new {@code bundles.info} and waits for the new bundles' schemes.
     * Falls back to "restart required" when this framework has no simpleconfigurator or a new bundle
     * does not start.
     */
    private InstallResult applyLive(AvailableFeature feature, Set<Long> before) {
        BundleContext ctx = requireContext();
        ServiceReference<Configurator> ref = ctx.getServiceReference(Configurator.class);
        Configurator configurator = ref == null ? null : ctx.getService(ref);
        if (configurator == null) {
            return restartRequired(feature, "this client cannot load new bundles while it runs");
        }
        try {
            configurator.applyConfiguration();
        } catch (IOException | RuntimeException e) {
            return restartRequired(feature, "its bundles could not be loaded now (" + e.getMessage() + ")");
        } finally {
            ctx.ungetService(ref);
        }
        List<Bundle> added = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            if (!before.contains(b.getBundleId())) {
                added.add(b);
            }
        }
        List<String> notStarted = new ArrayList<>();
        for (Bundle b : added) {
            if (isFragment(b)) {
                continue;
            }
            try {
                if ((b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0) {
                    // the configurator starts only bundles marked to start; a DS bundle must at least be
                    // lazily started for Declarative Services to register its components
                    b.start(Bundle.START_ACTIVATION_POLICY);
                }
            } catch (BundleException | IllegalStateException e) {
                notStarted.add(b.getSymbolicName());
            }
        }
        if (!notStarted.isEmpty()) {
            return restartRequired(feature, "bundle(s) " + String.join(", ", notStarted) + " could not be started now");
        }
        Set<String> addedNames = added.stream().map(Bundle::getSymbolicName).collect(Collectors.toSet());
        List<InstalledScheme> schemes = awaitSchemes(addedNames, added.isEmpty() ? 0 : SCHEME_WAIT_MILLIS);
        String message = "Installed '" + feature.name() + "' " + feature.version() + "."
                + (schemes.isEmpty() ? "" : " New encryption scheme" + (schemes.size() == 1 ? " " : "s ")
                        + schemes.stream().map(s -> s.name() + " (" + s.id() + ")").collect(Collectors.joining(", "))
                        + (schemes.size() == 1 ? " is" : " are") + " ready to use.");
        return new InstallResult(feature, false, schemes, message);
    }

    /** Schemes of the given bundles, waiting up to {@code millis} for the first to register. */
    private List<InstalledScheme> awaitSchemes(Set<String> bundles, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            List<InstalledScheme> found = installedSchemes().stream().filter(s -> bundles.contains(s.bundle())).toList();
            if (!found.isEmpty() || System.nanoTime() >= deadline) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private static InstallResult restartRequired(AvailableFeature feature, String why) {
        return new InstallResult(feature, true, List.of(), "Installed '" + feature.name() + "' " + feature.version()
                + ", but " + why + ": restart Parley to use it.");
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private Set<Long> bundleIds() {
        Set<Long> ids = new HashSet<>();
        for (Bundle b : requireContext().getBundles()) {
            ids.add(b.getBundleId());
        }
        return ids;
    }

    private static AvailableFeature feature(IInstallableUnit iu, IProfile profile) {
        String id = iu.getId().substring(0, iu.getId().length() - GROUP_SUFFIX.length());
        String name = iu.getProperty(IInstallableUnit.PROP_NAME, null);
        String description = iu.getProperty(IInstallableUnit.PROP_DESCRIPTION, null);
        boolean installed = profile != null && !profile.query(QueryUtil.createIUQuery(iu.getId()), null).isEmpty();
        return new AvailableFeature(id, iu.getVersion().toString(), name == null || name.isBlank() ? id : name.strip(),
                description == null ? "" : description.strip(), installed);
    }

    private static IProfile selfProfile(IProvisioningAgent agent) {
        IProfileRegistry registry = agent.getService(IProfileRegistry.class);
        return registry == null ? null : registry.getProfile(IProfileRegistry.SELF);
    }

    /**
     * The provisioning agent of the running installation. Loading {@link IProvisioningAgent} activates
     * the lazily started p2 core bundle, whose activator registers that agent; never create a second
     * agent over the same data area (that is how profiles get corrupted).
     */
    private IProvisioningAgent agent() throws PluginException {
        BundleContext ctx = requireContext();
        try {
            Collection<ServiceReference<IProvisioningAgent>> refs = ctx.getServiceReferences(IProvisioningAgent.class,
                    "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)");
            for (ServiceReference<IProvisioningAgent> ref : refs) {
                IProvisioningAgent agent = ctx.getService(ref);
                if (agent != null) {
                    // the agent lives as long as p2 core; keeping the reference counted once is harmless
                    return agent;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // constant filter
        }
        throw new PluginException(Reason.NOT_MANAGED, "This copy of Parley has no p2 provisioning agent (no "
                + "eclipse.p2.data.area), so plugins cannot be installed into it while it runs.");
    }

    private BundleContext requireContext() {
        BundleContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("the plugin installer is not active");
        }
        return ctx;
    }

    private static PluginException cancelled() {
        return new PluginException(Reason.CANCELLED, "Cancelled; nothing was changed.");
    }

    /**
     * A repository loaded for one operation: removed from the managers again afterwards unless they
     * knew it before, so that it does not turn into an update site of this installation.
     */
    private static final class LoadedRepository implements AutoCloseable {
        final IMetadataRepository metadata;
        private final IMetadataRepositoryManager metadataManager;
        private final IArtifactRepositoryManager artifactManager;
        private final URI uri;
        private final boolean knewMetadata;
        private final boolean knewArtifacts;

        private LoadedRepository(IMetadataRepository metadata, IMetadataRepositoryManager metadataManager,
                IArtifactRepositoryManager artifactManager, URI uri, boolean knewMetadata, boolean knewArtifacts) {
            this.metadata = metadata;
            this.metadataManager = metadataManager;
            this.artifactManager = artifactManager;
            this.uri = uri;
            this.knewMetadata = knewMetadata;
            this.knewArtifacts = knewArtifacts;
        }

        static LoadedRepository open(IProvisioningAgent agent, URI uri, SubMonitor monitor) throws PluginException {
            IMetadataRepositoryManager metadataManager = agent.getService(IMetadataRepositoryManager.class);
            IArtifactRepositoryManager artifactManager = agent.getService(IArtifactRepositoryManager.class);
            if (metadataManager == null || artifactManager == null) {
                throw new PluginException(Reason.NOT_MANAGED, "This copy of Parley lacks p2's repository support "
                        + "(org.eclipse.equinox.p2.metadata.repository / artifact.repository), so it cannot install plugins.");
            }
            boolean knewMetadata = metadataManager.contains(uri);
            boolean knewArtifacts = artifactManager.contains(uri);
            try {
                IMetadataRepository repository = metadataManager.loadRepository(uri, monitor);
                return new LoadedRepository(repository, metadataManager, artifactManager, uri, knewMetadata,
                        knewArtifacts);
            } catch (ProvisionException e) {
                forget(metadataManager, artifactManager, uri, knewMetadata, knewArtifacts);
                throw P2Errors.loadFailure(uri, e);
            } catch (RuntimeException e) {
                forget(metadataManager, artifactManager, uri, knewMetadata, knewArtifacts);
                throw e;
            }
        }

        @Override
        public void close() {
            forget(metadataManager, artifactManager, uri, knewMetadata, knewArtifacts);
        }

        private static void forget(IMetadataRepositoryManager metadataManager, IArtifactRepositoryManager artifactManager,
                URI uri, boolean knewMetadata, boolean knewArtifacts) {
            if (!knewMetadata) {
                metadataManager.removeRepository(uri);
            }
            if (!knewArtifacts) {
                artifactManager.removeRepository(uri);
            }
        }
    }
}
