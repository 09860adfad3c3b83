package io.portcullis.policy.internal.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scopes a plugin may declare, read once from {@value #RESOURCE} in this bundle. Immutable and
 * thread-safe. The file is part of the code, not configuration: a scope the core does not enforce must
 * not appear by editing a file. What configuration may do is make a scope the file marks not grantable
 * grantable after all ({@code alsoGrantable}), an operator's explicit, logged decision. A scope the file
 * marks unavailable (its feature does not exist yet) is listed, with a note saying so, but no grant and no
 * configuration can allow it.
 */
public final class ScopeCatalogue {

    static final String RESOURCE = "/catalogue/scopes.json";

    private final Map<String, Scope> scopes;

    /** The catalogue as shipped. */
    public ScopeCatalogue() {
        this(Set.of());
    }

    /**
     * The catalogue with the scopes named in {@code alsoGrantable} grantable; throws naming the first
     * one the catalogue does not know, so that a typo in the configuration fails loudly.
     */
    public ScopeCatalogue(Set<String> alsoGrantable) {
        Map<String, Scope> byName = new TreeMap<>(Shipped.SCOPES);
        for (String name : new TreeSet<>(alsoGrantable)) {
            Scope scope = byName.get(name);
            if (scope == null) {
                throw new IllegalArgumentException("alsoGrantable names an unknown scope '" + name + "'");
            }
            if (!scope.available()) {
                throw new IllegalArgumentException(
                        "alsoGrantable names scope '" + name + "', which is not available: " + scope.note());
            }
            byName.put(name, new Scope(scope.name(), scope.description(), scope.risk(), true));
        }
        this.scopes = Collections.unmodifiableMap(byName);
    }

    /** Every scope, sorted by name. */
    public List<Scope> all() {
        return List.copyOf(scopes.values());
    }

    public Optional<Scope> find(String name) {
        return Optional.ofNullable(scopes.get(name));
    }

    public boolean isKnown(String name) {
        return scopes.containsKey(name);
    }

    /** True if the catalogue knows {@code name} and a grant may allow it: available and grantable. */
    public boolean isGrantable(String name) {
        Scope scope = scopes.get(name);
        return scope != null && scope.grantableHere();
    }

    /** True if the catalogue knows {@code name} and its feature exists on this server. */
    public boolean isAvailable(String name) {
        Scope scope = scopes.get(name);
        return scope != null && scope.available();
    }

    /** The parsed resource, loaded on first use and shared by every instance. */
    private static final class Shipped {

        static final Map<String, Scope> SCOPES = load();

        private static Map<String, Scope> load() {
            try (InputStream in = ScopeCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundle has no " + RESOURCE);
                }
                return parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** The scopes of a catalogue document; throws naming the entry at fault. */
    static Map<String, Scope> parse(JsonNode document) {
        JsonNode entries = document.path("scopes");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " must have a non-empty array 'scopes'");
        }
        Map<String, Scope> byName = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = RESOURCE + " scopes[" + i + "]";
            JsonNode note = entry.path("note");
            if (!entry.path("name").isTextual()
                    || !entry.path("description").isTextual()
                    || !entry.path("risk").isTextual()
                    || !entry.path("grantable").isBoolean()
                    || !entry.path("available").isBoolean()
                    || !(note.isMissingNode() || note.isTextual())
                    || entry.size() != (note.isMissingNode() ? 5 : 6)) {
                throw new IllegalStateException(where + " must have exactly name, description, risk, grantable,"
                        + " available and, if unavailable, note");
            }
            Scope.Risk risk = Scope.Risk.parse(entry.get("risk").asText())
                    .orElseThrow(() -> new IllegalStateException(where + " has an unknown risk"));
            Scope scope;
            try {
                scope = new Scope(
                        entry.get("name").asText(),
                        entry.get("description").asText(),
                        risk,
                        entry.get("grantable").asBoolean(),
                        entry.get("available").asBoolean(),
                        note.isMissingNode() ? null : note.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
            if (byName.put(scope.name(), scope) != null) {
                throw new IllegalStateException(where + " repeats scope " + scope.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
