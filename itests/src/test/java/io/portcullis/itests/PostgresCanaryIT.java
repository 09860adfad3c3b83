package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The canary test on PostgreSQL, as a role that owns the tables (row-level security applies). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresCanaryIT extends CanaryTests {

    @Configuration
    public Option[] config() {
        return Provisioning.withLogTap(Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore()));
    }
}
