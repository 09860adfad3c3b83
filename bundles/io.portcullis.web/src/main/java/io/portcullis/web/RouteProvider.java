package io.portcullis.web;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service: register one and its routes are served from then on; unregister it (or stop
 * its bundle) and they are gone. {@link #routes()} is called once, when the service is registered.
 * Two providers may not claim the same method and path template: the second one's duplicate routes
 * are refused and logged.
 */
@ConsumerType
public interface RouteProvider {

    List<Route> routes();
}
