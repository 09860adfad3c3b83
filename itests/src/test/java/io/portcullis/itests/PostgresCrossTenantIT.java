package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The cross-tenant matrix on PostgreSQL, connected as a role that owns the tables, so row-level security applies. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresCrossTenantIT extends CrossTenantTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore());
    }

    @Override
    protected boolean rowLevelSecurity() {
        return true;
    }
}
