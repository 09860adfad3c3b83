package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The plugin gate on PostgreSQL (grants, enablements and policies under row-level security), with plugins in the server's framework (see {@link Provisioning#IN_PROCESS}). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresGateIT extends GateTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore(), "", Provisioning.IN_PROCESS);
    }
}
