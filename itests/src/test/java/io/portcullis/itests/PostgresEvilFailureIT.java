package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Plugin hosts that die, hang or flood, on PostgreSQL: the failed calls' audit records under row-level security. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresEvilFailureIT extends EvilFailureTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore());
    }
}
