package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Guarded plugin calls and truthful records on PostgreSQL, with plugins in the server's framework (see {@link Provisioning#IN_PROCESS}). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresPluginGuardIT extends PluginGuardTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server(EmbeddedPostgresServer.startAndConfigureStore(), "", Provisioning.IN_PROCESS);
    }
}
