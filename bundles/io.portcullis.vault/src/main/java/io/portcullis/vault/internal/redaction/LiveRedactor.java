package io.portcullis.vault.internal.redaction;

import io.portcullis.vault.Redactor;
import io.portcullis.web.SecretScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's redactor and the registry of live secret values it matches. Each workspace's
 * {@link SecretSet} (values + automaton) is rebuilt and published on every change, before the change
 * returns; the automaton over every workspace's values, used by {@link #redactAll}, is rebuilt by the
 * first {@code redactAll} after a change (so loading many credentials costs one rebuild, not one per
 * credential), and that redaction waits for it: a change is visible to every redaction that starts
 * after the change returns. Also registered as {@code UnaryOperator<String>} ({@link #apply} is
 * {@link #redactAll}) with {@code portcullis.role=redactor}, for bundles that must not import the
 * vault's API (the launcher's log filter, the web bundle's problem details).
 */
@Component(
        service = {Redactor.class, SecretScreen.class, SecretRegistry.class, UnaryOperator.class},
        property = "portcullis.role=" + Redactor.ROLE,
        immediate = true)
public final class LiveRedactor implements Redactor, SecretRegistry, UnaryOperator<String> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRedactor.class);

    /** The automaton over all workspaces and the change count it reflects. */
    private record Global(long version, Automaton automaton) {}

    private final Object lock = new Object();
    private final Map<String, SecretSet> workspaces = new ConcurrentHashMap<>();
    private volatile long changes;
    private volatile Global global = new Global(0, Automaton.PATTERNS);

    public LiveRedactor() {}

    @Override
    public String redact(String workspaceId, String text) {
        return workspaces.getOrDefault(workspaceId, SecretSet.EMPTY).automaton().redact(text);
    }

    @Override
    public String redactAll(String text) {
        Global current = global;
        if (current.version() != changes) {
            current = rebuildGlobal();
        }
        return current.automaton().redact(text);
    }

    @Override
    public String apply(String text) {
        return redactAll(text);
    }

    @Override
    public void put(String workspaceId, String credentialId, String value) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(credentialId, "credentialId");
        if (value.isEmpty()) {
            remove(workspaceId, credentialId);
            return;
        }
        synchronized (lock) {
            SecretSet set =
                    workspaces.getOrDefault(workspaceId, SecretSet.EMPTY).with(credentialId, value.toCharArray());
            workspaces.put(workspaceId, set);
            changes++;
            LOG.debug("Redactor holds {} secrets of workspace '{}'", set.size(), workspaceId);
        }
    }

    @Override
    public void remove(String workspaceId, String credentialId) {
        synchronized (lock) {
            SecretSet before = workspaces.get(workspaceId);
            if (before == null) {
                return;
            }
            SecretSet after = before.without(credentialId);
            if (after == before) {
                return;
            }
            if (after.isEmpty()) {
                workspaces.remove(workspaceId);
            } else {
                workspaces.put(workspaceId, after);
            }
            changes++;
        }
    }

    @Override
    public void removeWorkspace(String workspaceId) {
        synchronized (lock) {
            if (workspaces.remove(workspaceId) != null) {
                changes++;
                LOG.debug("Redactor forgot the secrets of workspace '{}'", workspaceId);
            }
        }
    }

    private Global rebuildGlobal() {
        synchronized (lock) {
            Global current = global;
            if (current.version() == changes) {
                return current; // another redaction rebuilt it meanwhile
            }
            List<char[]> all = new ArrayList<>();
            for (SecretSet set : workspaces.values()) {
                all.addAll(set.values());
            }
            Global rebuilt = new Global(changes, all.isEmpty() ? Automaton.PATTERNS : Automaton.of(all));
            global = rebuilt;
            return rebuilt;
        }
    }
}
