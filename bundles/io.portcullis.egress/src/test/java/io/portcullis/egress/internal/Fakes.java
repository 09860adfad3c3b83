package io.portcullis.egress.internal;

import io.portcullis.policy.PluginPolicy;
import io.portcullis.vault.CredentialException;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialKind;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Hand-written fakes of the services the guard depends on. */
final class Fakes {

    static final String WS = "ws-1";
    static final String PLUGIN = "com.example.tool";

    private Fakes() {}

    /**
     * A policy where {@link #PLUGIN} holds exactly the scopes in {@link #held}. A proxy rather than a
     * class, since the guard uses only {@code holds} and the interface grows with the policy bundle.
     */
    static final class Policy {
        final Set<String> held = new HashSet<>();
        final PluginPolicy service = (PluginPolicy) Proxy.newProxyInstance(
                PluginPolicy.class.getClassLoader(), new Class<?>[] {PluginPolicy.class}, this::invoke);

        Policy(String... scopes) {
            held.addAll(List.of(scopes));
        }

        private Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getName().equals("holds")) {
                return args[0].equals(PLUGIN) && held.contains((String) args[1]);
            }
            throw new UnsupportedOperationException("the guard should not call " + method.getName());
        }
    }

    /** Credentials of {@link #WS} bound to {@link #PLUGIN}; counts how often a value was opened. */
    static final class Credentials implements CredentialUse {
        private final Map<String, CredentialHandle> handles = new HashMap<>();
        private final Map<String, String> values = new HashMap<>();
        final AtomicInteger opened = new AtomicInteger();
        /** The request id each open was made for, in order. */
        final List<String> openedFor = new java.util.concurrent.CopyOnWriteArrayList<>();

        Credentials add(String id, CredentialKind kind, String value, String... allowedHosts) {
            handles.put(id, new CredentialHandle(WS, id, PLUGIN, kind, 1, List.of(allowedHosts), false));
            values.put(id, value);
            return this;
        }

        @Override
        public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId) {
            CredentialHandle handle = handles.get(credentialId);
            return handle != null && workspaceId.equals(WS) && pluginId.equals(handle.pluginId())
                    ? Optional.of(handle)
                    : Optional.empty();
        }

        @Override
        public SecretValue open(CredentialHandle handle) {
            opened.incrementAndGet();
            return new SecretValue(values.get(handle.credentialId()).toCharArray());
        }

        @Override
        public SecretValue open(CredentialHandle handle, @Nullable String requestId) {
            openedFor.add(String.valueOf(requestId));
            return open(handle);
        }

        @Override
        public SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String id)
                throws CredentialException {
            throw new CredentialException(id, CredentialException.Reason.DENIED, "not in these tests");
        }
    }

    /** DNS by table: each name answers its queued answers in turn, then repeats the last. */
    static final class Dns implements HostResolver {
        private final Map<String, Deque<List<InetAddress>>> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Dns answer(String name, String... addresses) {
            List<InetAddress> answer = new ArrayList<>();
            for (String address : addresses) {
                try {
                    answer.add(InetAddress.getByName(address)); // literals only: no lookup
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            }
            answers.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(answer);
            return this;
        }

        @Override
        public synchronized List<InetAddress> resolve(String name) throws UnknownHostException {
            asked.add(name);
            Deque<List<InetAddress>> queue = answers.get(name);
            if (queue == null) {
                throw new UnknownHostException(name);
            }
            return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
        }
    }
}
