package io.portcullis.models.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.models.internal.metering.MeteringRoutes;
import io.portcullis.store.Database;
import io.portcullis.web.Route;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the gateway meets the {@code metering} package: one {@link Metering} (on database time, so
 * nodes agree) behind the gateway's {@link Meter}, its routes (prices, budget, usage) and its part of
 * deleting a workspace.
 */
final class MeterBinding {

    private final Metering metering;

    private MeterBinding(Metering metering) {
        this.metering = metering;
    }

    static MeterBinding of(Database database) {
        return new MeterBinding(new Metering(database));
    }

    Meter meter() {
        return metering;
    }

    List<Route> routes(AuditLog auditLog) {
        return MeteringRoutes.routes(metering, auditLog);
    }

    static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Metering.deleteWorkspace(connection, workspaceId);
    }
}
