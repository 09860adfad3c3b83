package io.portcullis.models.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.store.Database;
import io.portcullis.web.Route;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Where the gateway meets the {@code metering} package: {@link Meter} bound to its {@link Metering},
 * its routes (none yet: the meter's routes factory is wired here when it lands) and its part of
 * deleting a workspace.
 */
final class MeterBinding {

    private MeterBinding() {}

    static Meter meter(Database database, AuditLog auditLog, Clock clock) {
        return new MeteringMeter(new Metering(database)); // on database time: nodes agree
    }

    static List<Route> routes(Database database, AuditLog auditLog, Clock clock) {
        return List.of();
    }

    static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Metering.deleteWorkspace(connection, workspaceId);
    }
}
