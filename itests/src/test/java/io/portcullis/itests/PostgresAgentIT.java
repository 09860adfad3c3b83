package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Agent runs end to end on PostgreSQL: runs, events, approvals and review items under row-level security. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresAgentIT extends AgentTests {

    @Configuration
    public Option[] config() {
        return Provisioning.withModelServer(Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore()));
    }
}
