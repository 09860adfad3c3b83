package io.portcullis.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.PrivateEndpoints;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The plugin views get the egress guard when they first need it, never when DS binds it: binding it
 * while the policy component is made would make the guard, which needs the policy: a cycle that left
 * the guard unmakeable for the framework's life (every later grant edit ignored).
 */
class PrivateEndpointsViewTest {

    private final List<String> calls = new ArrayList<>();
    private PrivateEndpoints guard = pluginId -> List.of("http://127.0.0.1:11434");

    @Test
    void bindingGetsNoServiceAndTheFirstUseGetsItOnce() {
        PrivateEndpointsView view = new PrivateEndpointsView(context());
        ServiceReference<PrivateEndpoints> reference = reference();

        view.bind(reference);
        assertThat(calls).as("binding must not make the guard").isEmpty();

        assertThat(view.origins("io.portcullis.model.ollama")).containsExactly("http://127.0.0.1:11434");
        assertThat(view.origins("io.portcullis.model.ollama")).containsExactly("http://127.0.0.1:11434");
        assertThat(calls).containsExactly("get");

        view.unbind(reference);
        assertThat(calls).containsExactly("get", "unget");
        assertThat(view.origins("io.portcullis.model.ollama")).isEmpty();
    }

    @Test
    void aGuardThatCannotBeMadeYetIsTriedAgainOnTheNextUse() {
        PrivateEndpoints made = guard;
        guard = null;
        PrivateEndpointsView view = new PrivateEndpointsView(context());
        view.bind(reference());

        assertThat(view.origins("io.portcullis.model.ollama")).isEmpty();
        guard = made;
        assertThat(view.origins("io.portcullis.model.ollama")).containsExactly("http://127.0.0.1:11434");
        assertThat(calls).containsExactly("get", "get");
    }

    @Test
    void aNewGuardReplacesTheOldOneWhichIsReleased() {
        PrivateEndpointsView view = new PrivateEndpointsView(context());
        ServiceReference<PrivateEndpoints> first = reference();
        view.bind(first);
        view.origins("p");
        view.bind(reference()); // greedy: the new registration before the old one's unbind
        view.unbind(first);

        assertThat(calls).containsExactly("get", "unget");
        view.origins("p");
        assertThat(calls).containsExactly("get", "unget", "get");
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<PrivateEndpoints> reference() {
        Object identity = new Object();
        ClassLoader loader = PrivateEndpointsViewTest.class.getClassLoader();
        return (ServiceReference<PrivateEndpoints>) Proxy.newProxyInstance(
                loader, new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> identity.hashCode();
                    case "toString" -> "reference " + identity;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(
                PrivateEndpointsViewTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getService" -> {
                        calls.add("get");
                        yield guard;
                    }
                    case "ungetService" -> {
                        calls.add("unget");
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
