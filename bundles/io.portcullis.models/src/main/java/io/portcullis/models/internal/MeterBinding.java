package io.portcullis.models.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.web.Route;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;

/**
 * Where the gateway meets the {@code metering} package: the one place the integrator binds
 * {@link Meter} to its {@code Metering}, adds its routes and its part of deleting a workspace. Until
 * then no model can be called ({@link Meter#UNAVAILABLE}: fail closed).
 */
final class MeterBinding {

    private MeterBinding() {}

    static Meter meter(Database database, AuditLog auditLog, Clock clock) {
        return Meter.UNAVAILABLE;
    }

    static List<Route> routes(Database database, AuditLog auditLog, Clock clock) {
        return List.of();
    }

    static void deleteWorkspace(Connection connection, String workspaceId) {}
}
