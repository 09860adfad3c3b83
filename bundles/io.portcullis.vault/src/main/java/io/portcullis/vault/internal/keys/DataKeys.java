package io.portcullis.vault.internal.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * {@link WorkspaceKeys} over {@link DataKeyStore}, with unwrapped data keys cached in memory.
 *
 * <p>A key can be cached before its row commits, and the row may then roll back. So what writes with
 * a key ({@link #seal}, {@link #mac}) first reads the workspace's row in the caller's transaction and
 * uses the cached key only if it is the one stored there: what it writes commits with the key it
 * used, or not at all. {@link #open} trusts the cache and re-reads the row only when the tag does not
 * verify; that keeps the fast path free of the database.
 */
final class DataKeys implements WorkspaceKeys {

    private static final int KEY_BYTES = 32;
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An unwrapped data key, the wrapping it was read from, and the MAC keys derived from it. */
    private record Entry(
            byte[] wrapped,
            SecretKeySpec key,
            SecretKeySpec macRoot,
            ConcurrentHashMap<String, SecretKeySpec> macKeys) {

        static Entry of(byte[] wrapped, byte[] material) {
            return new Entry(
                    wrapped, new SecretKeySpec(material, "AES"), Hmac.key(material), new ConcurrentHashMap<>());
        }

        boolean storedAs(DataKeyStore.Row row) {
            return Arrays.equals(wrapped, row.wrapped());
        }
    }

    private final DataKeyStore store;
    private final Keyring keyring;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    DataKeys(DataKeyStore store, Keyring keyring) {
        this.store = store;
        this.keyring = keyring;
    }

    @Override
    public byte[] seal(Connection connection, String workspaceId, byte[] plaintext, byte[] associatedData)
            throws SQLException {
        return Aead.seal(stored(connection, workspaceId).key(), plaintext, associatedData);
    }

    @Override
    public byte[] open(Connection connection, String workspaceId, byte[] sealed, byte[] associatedData)
            throws SQLException, SealException {
        Entry cached = cache.get(workspaceId);
        if (cached != null) {
            try {
                return Aead.open(cached.key(), sealed, associatedData);
            } catch (SealException e) {
                // the cache may hold a key whose row rolled back or was replaced: check the row below
            }
        }
        Optional<DataKeyStore.Row> row = store.find(connection, workspaceId);
        if (row.isEmpty()) {
            cache.remove(workspaceId);
            throw new SealException("the workspace has no data key (it was destroyed or never created)");
        }
        if (cached != null && cached.storedAs(row.get())) {
            throw new SealException("the sealed value does not authenticate under this key and associated data");
        }
        return Aead.open(load(row.get()).key(), sealed, associatedData);
    }

    @Override
    public byte[] mac(Connection connection, String workspaceId, String purpose, byte[] data) throws SQLException {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1..64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        Entry entry = stored(connection, workspaceId);
        SecretKeySpec key = entry.macKeys()
                .computeIfAbsent(
                        purpose,
                        p -> Hmac.key(Hmac.sha256(
                                entry.macRoot(), ("portcullis/" + p + "/v1").getBytes(StandardCharsets.US_ASCII))));
        return Hmac.sha256(key, data);
    }

    @Override
    public void ensure(Connection connection, String workspaceId) throws SQLException {
        stored(connection, workspaceId);
    }

    @Override
    public void destroy(Connection connection, String workspaceId) throws SQLException {
        store.delete(connection, workspaceId);
        cache.remove(workspaceId);
    }

    /** The key stored for the workspace as this transaction sees it, created if it has none. */
    private Entry stored(Connection connection, String workspaceId) throws SQLException {
        Optional<DataKeyStore.Row> row = store.find(connection, workspaceId);
        if (row.isEmpty()) {
            Entry created = create(connection, workspaceId);
            if (created != null) {
                return created;
            }
            row = store.find(connection, workspaceId);
            if (row.isEmpty()) {
                throw new SQLException(
                        "vault: the data key another transaction created for the workspace is not visible");
            }
        }
        Entry cached = cache.get(workspaceId);
        if (cached != null && cached.storedAs(row.get())) {
            return cached;
        }
        try {
            return load(row.get());
        } catch (SealException e) {
            throw new IllegalStateException("vault: the data key of workspace '" + workspaceId
                    + "' does not unwrap under master key id '" + row.get().masterKeyId() + "'");
        }
    }

    /** A new key, stored and cached; null when a concurrent transaction stored one first. */
    private @Nullable Entry create(Connection connection, String workspaceId) throws SQLException {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        try {
            MasterKey master = keyring.current();
            byte[] wrapped = master.wrap(workspaceId, material);
            if (!store.insertIfAbsent(connection, new DataKeyStore.Row(workspaceId, master.id(), wrapped))) {
                return null;
            }
            Entry entry = Entry.of(wrapped, material);
            cache.put(workspaceId, entry);
            return entry;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private Entry load(DataKeyStore.Row row) throws SealException {
        MasterKey master = keyring.find(row.masterKeyId())
                .orElseThrow(() -> new SealException("the data key is wrapped under a master key that is not loaded"));
        byte[] material = master.unwrap(row.workspaceId(), row.wrapped());
        try {
            Entry entry = Entry.of(row.wrapped(), material);
            cache.put(row.workspaceId(), entry);
            return entry;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Drops every cached key (for tests and for the component's deactivation). */
    void clear() {
        cache.clear();
    }
}
