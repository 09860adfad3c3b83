package io.portcullis.policy.internal.gate;

import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;

/**
 * The run-time backstop of the resolve gate: a plugin that resolved anyway (a bundle with no
 * requirements at all cannot be held back by filtering matches) still cannot define a class unless
 * it holds a live grant. The framework turns the exception into a {@code ClassFormatError} for that
 * class only; it does not blacklist the hook for a {@link WeavingException}.
 */
final class ClassGuard implements WeavingHook {

    private final Classifier classifier;
    private final Grants grants;

    ClassGuard(Classifier classifier, Grants grants) {
        this.classifier = classifier;
        this.grants = grants;
    }

    @Override
    public void weave(WovenClass wovenClass) {
        var bundle = wovenClass.getBundleWiring().getBundle();
        if (classifier.isPlugin(bundle) && !grants.granted(bundle.getBundleId())) {
            throw new WeavingException("plugin " + bundle.getSymbolicName() + " holds no grant: class "
                    + wovenClass.getClassName() + " may not be defined");
        }
    }
}
