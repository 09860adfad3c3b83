package io.portcullis.itest.plugin.noheader.internal;

import org.osgi.service.component.annotations.Component;

/**
 * An immediate component in a bundle that is not a declared plugin: no {@code Portcullis-Plugin}
 * header, no requirements the resolver gate could hold back. Only the weaving guard can stop it, so
 * the system property {@code portcullis.itest.noheader} staying unset proves that guard works.
 */
@Component(
        immediate = true,
        service = {})
public final class NoHeaderComponent {

    static {
        System.setProperty("portcullis.itest.noheader", "loaded");
    }
}
