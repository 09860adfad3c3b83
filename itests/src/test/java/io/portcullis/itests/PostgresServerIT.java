package io.portcullis.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The server in Felix on PostgreSQL: an embedded server started for this class, nothing installed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresServerIT extends ServerTests {

    @Configuration
    public Option[] config() {
        // Runs outside the framework, before it starts: the database lives as long as the test JVM.
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; nothing left to do
                }
            }));
            return Provisioning.server("url = " + postgres.getJdbcUrl("postgres", "postgres")
                    + "\nuser = postgres\npassword = postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String expectedEngine() {
        return "postgresql";
    }
}
