package io.portcullis.vault.internal.keys;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a start whose master key cannot unwrap the stored data keys: every master key id in the
 * table must be a loaded key, and one row of each must unwrap. Starting anyway would fail every
 * credential later, one request at a time; refusing names the key to start with.
 */
final class StartupCheck {

    private StartupCheck() {}

    static void verify(DataKeyStore store, Keyring keyring, LoadedKeys loaded) throws MasterKeyException, SQLException {
        String source = loaded.fromEnvironment() ? MasterKeys.ENV : "<data>/" + MasterKeys.FILE;
        Optional<String> failure = store.database().inTransaction(connection -> {
            store.maintenance(connection);
            for (String id : store.masterKeyIds(connection)) {
                Optional<MasterKey> key = keyring.find(id);
                if (key.isEmpty()) {
                    return Optional.of("the master key (id " + describe(keyring)
                            + ") cannot unwrap the data keys stored under key id "
                            + id + "; start with the master key they were created with (" + MasterKeys.ENV
                            + " or <data>/"
                            + MasterKeys.FILE + ")");
                }
                Optional<DataKeyStore.Row> sample = store.anyUnder(connection, id);
                if (sample.isPresent() && !unwraps(key.get(), sample.get())) {
                    return Optional.of("the data key of workspace '"
                            + sample.get().workspaceId() + "' does not unwrap under master key id "
                            + id + " although the ids match: the table was altered; restore it from a backup (key from "
                            + source + ")");
                }
            }
            return Optional.<String>empty();
        });
        if (failure.isPresent()) {
            throw new MasterKeyException(failure.get());
        }
    }

    private static boolean unwraps(MasterKey key, DataKeyStore.Row row) {
        try {
            Arrays.fill(key.unwrap(row.workspaceId(), row.wrapped()), (byte) 0);
            return true;
        } catch (SealException e) {
            return false;
        }
    }

    private static String describe(Keyring keyring) {
        List<String> ids = keyring.ids().stream().sorted().toList();
        return String.join(", ", ids);
    }
}
