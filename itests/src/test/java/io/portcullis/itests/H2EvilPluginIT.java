package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The evil plugin suite on embedded H2. H2 only: the suite tests the process boundary, which no
 * database engine changes, and running its forty plugins again on PostgreSQL would double its time in
 * {@code mvn verify}; the failure tests, which write audit records under row-level security, run on both.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2EvilPluginIT extends EvilPluginTests {

    @Configuration
    public Option[] config() {
        return Provisioning.withLogTap(Provisioning.server("url ="));
    }
}
