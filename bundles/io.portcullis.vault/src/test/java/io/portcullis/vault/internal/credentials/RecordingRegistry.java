package io.portcullis.vault.internal.credentials;

import io.portcullis.vault.internal.redaction.SecretRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registry as a map per workspace, plus the workspaces it was told to forget. */
final class RecordingRegistry implements SecretRegistry {

    final Map<String, Map<String, String>> values = new ConcurrentHashMap<>();
    final List<String> removedWorkspaces = new CopyOnWriteArrayList<>();

    @Override
    public void put(String workspaceId, String credentialId, String value) {
        values.computeIfAbsent(workspaceId, ws -> new ConcurrentHashMap<>()).put(credentialId, value);
    }

    @Override
    public void remove(String workspaceId, String credentialId) {
        Map<String, String> workspace = values.get(workspaceId);
        if (workspace != null) {
            workspace.remove(credentialId);
        }
    }

    @Override
    public void removeWorkspace(String workspaceId) {
        values.remove(workspaceId);
        removedWorkspaces.add(workspaceId);
    }

    /** Every value the registry holds, of every workspace. */
    List<String> all() {
        return values.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
