package io.portcullis.vault.internal.credentials;

import io.portcullis.audit.AuditLog;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.Scopes;
import io.portcullis.store.Database;
import io.portcullis.store.LastUsed;
import io.portcullis.tenancy.WorkspaceCleanup;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.Redactor;
import io.portcullis.vault.SecretValue;
import io.portcullis.vault.internal.keys.WorkspaceKeys;
import io.portcullis.vault.internal.redaction.SecretRegistry;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The vault's credentials: the REST routes, the {@link CredentialUse} service and the vault's part of
 * deleting a workspace. Activation loads every stored value into the redactor's registry; SCR hands
 * this component's services to nobody before the constructor has returned, so the redactor knows
 * every live secret before the first credential request or use. A load that fails on the database
 * fails activation: a vault that cannot redact its secrets does not serve them. Every change and every
 * use is put on the audit record first ({@link CredentialAudit}); the {@link AuditLog} is mandatory.
 */
@Component(
        service = {RouteProvider.class, CredentialUse.class, WorkspaceCleanup.class},
        immediate = true)
public final class Credentials implements RouteProvider, CredentialUse, WorkspaceCleanup {

    private final WorkspaceKeys keys;
    private final SecretRegistry registry;
    private final CredentialRoutes routes;
    private final CredentialUses uses;

    @Activate
    public Credentials(
            @Reference WorkspaceKeys keys,
            @Reference SecretRegistry registry,
            @Reference Redactor redactor,
            @Reference(target = "(portcullis.schema=vault)") Database database,
            @Reference AuditLog auditLog,
            @Reference PluginPolicy policy)
            throws SQLException {
        this(
                keys,
                registry,
                redactor,
                database,
                auditLog,
                pluginId -> policy.declares(pluginId, Scopes.VAULT_USE),
                Clock.systemUTC());
    }

    /** {@code bindable}: whether a plugin id names an installed plugin that declares {@code vault.use}. */
    Credentials(
            WorkspaceKeys keys,
            SecretRegistry registry,
            Redactor redactor,
            Database database,
            AuditLog auditLog,
            Predicate<String> bindable,
            Clock clock)
            throws SQLException {
        this.keys = keys;
        this.registry = registry;
        CredentialCipher cipher = new CredentialCipher(keys);
        new SecretLoader(database, cipher, registry).load();
        CredentialAudit audit = new CredentialAudit(auditLog);
        this.routes =
                new CredentialRoutes(new CredentialStore(database, cipher, clock), registry, redactor, audit, bindable);
        this.uses = new CredentialUses(
                database, cipher, new LastUsed(database, clock, "vault.credentials", "credential"), audit, clock);
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId) {
        return uses.handle(workspaceId, pluginId, credentialId);
    }

    @Override
    public SecretValue open(CredentialHandle handle) throws CredentialException {
        return uses.open(handle);
    }

    @Override
    public SecretValue open(CredentialHandle handle, @Nullable String requestId) throws CredentialException {
        return uses.open(handle, requestId);
    }

    @Override
    public SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String credentialId)
            throws CredentialException {
        return uses.reveal(workspaceId, pluginId, grantedScopes, credentialId);
    }

    /**
     * Deletes the workspace's bindings and credentials and destroys its data key (crypto-shred), in
     * the deleting transaction; then the registry forgets the workspace's values. The registry cannot
     * wait for the commit: if the deletion rolls back, the values stay stored but are no longer
     * redacted by exact match until the next start.
     */
    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        CredentialStore.deleteWorkspace(connection, workspaceId);
        keys.destroy(connection, workspaceId);
        registry.removeWorkspace(workspaceId);
    }
}
