package io.portcullis.audit.internal.api;

import io.portcullis.audit.internal.Witness;
import io.portcullis.store.Database;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.time.Clock;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves the audit log's read routes and retention setting (see {@link AuditRoutes}) once the audit
 * schema is migrated. Reads go straight to the tables: they neither wait for nor slow down the writer.
 */
@Component(service = RouteProvider.class)
public final class AuditApi implements RouteProvider {

    private final AuditRoutes routes;

    @Activate
    public AuditApi(@Reference(target = "(portcullis.schema=audit)") Database database, BundleContext context) {
        this.routes =
                new AuditRoutes(database, Clock.systemUTC(), Witness.file(context.getProperty(Witness.DATA_PROPERTY)));
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }
}
