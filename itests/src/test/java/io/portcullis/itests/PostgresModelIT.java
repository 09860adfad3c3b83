package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Model calls end to end on PostgreSQL: prices, budgets and usage under row-level security. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresModelIT extends ModelTests {

    @Configuration
    public Option[] config() {
        return Provisioning.withLogTap(
                Provisioning.withModelServer(Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore())));
    }
}
