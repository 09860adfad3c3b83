package io.portcullis.web.internal;

import io.portcullis.web.Authenticator;
import io.portcullis.web.Caller;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Test callers and an authenticator that knows them by token; permissions imply like Shiro's wildcards. */
final class FakeCallers implements Authenticator {

    record FakeCaller(String id, @Nullable String workspace, String rateClass, Set<String> held) implements Caller {

        @Override
        public Optional<String> workspaceId() {
            return Optional.ofNullable(workspace);
        }

        @Override
        public boolean isPermitted(String permission) {
            return held.stream().anyMatch(h -> implies(h, permission));
        }

        /** Workspace callers know roles; the platform's does not. */
        @Override
        public Optional<String> roleFor(String permission) {
            return workspace == null ? Optional.empty() : Optional.of("operator");
        }
    }

    static final FakeCaller ALICE = new FakeCaller("alice", "ws1", "owner", Set.of("workspace:ws1:members:read"));
    static final FakeCaller BOB = new FakeCaller("bob", "ws1", "viewer", Set.of());
    static final FakeCaller CAROL = new FakeCaller("carol", "ws2", "owner", Set.of("workspace:ws2:members:read"));
    static final FakeCaller ADMIN = new FakeCaller("admin", null, "platform", Set.of("reports:a"));
    /** A caller whose (impossible) workspace id looks like an injection: only the parameter guard stops it. */
    static final FakeCaller ODD = new FakeCaller("odd", "a:*", "owner", Set.of("workspace:a:*:members:read"));

    static final Map<String, FakeCaller> BY_TOKEN = Map.of(
            "alice-token", ALICE, "bob-token", BOB, "carol-token", CAROL, "admin-token", ADMIN, "odd-token", ODD);

    final AtomicInteger calls = new AtomicInteger();
    /** The workspace of the route each authentication was asked for ("" for none), in order. */
    final List<String> routeWorkspaces = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Optional<Caller> authenticate(String bearer) {
        calls.incrementAndGet();
        return Optional.ofNullable(BY_TOKEN.get(bearer));
    }

    @Override
    public Optional<Caller> authenticate(String bearer, @Nullable String routeWorkspace) {
        routeWorkspaces.add(routeWorkspace == null ? "" : routeWorkspace);
        return authenticate(bearer);
    }

    /** Shiro's WildcardPermission rule: parts by ':', lists by ',', '*' matches all, fewer parts imply more. */
    static boolean implies(String held, String wanted) {
        List<String> heldParts = List.of(held.split(":"));
        List<String> wantedParts = List.of(wanted.split(":"));
        for (int i = 0; i < heldParts.size(); i++) {
            Set<String> mine = new HashSet<>(Arrays.asList(heldParts.get(i).split(",")));
            if (i >= wantedParts.size()) {
                if (!mine.contains("*")) {
                    return false;
                }
                continue;
            }
            if (!mine.contains("*")
                    && !mine.containsAll(Arrays.asList(wantedParts.get(i).split(",")))) {
                return false;
            }
        }
        return true;
    }
}
