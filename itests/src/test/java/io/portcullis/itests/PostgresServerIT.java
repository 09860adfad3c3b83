package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The server in Felix on PostgreSQL: a fresh database in the test JVM's embedded server, nothing installed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresServerIT extends ServerTests {

    @Configuration
    public Option[] config() {
        // Runs in the test JVM, before the framework starts.
        return Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore());
    }

    @Override
    protected String expectedEngine() {
        return "postgresql";
    }
}
