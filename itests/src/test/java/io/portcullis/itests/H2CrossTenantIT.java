package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The cross-tenant matrix on embedded H2 (no row-level security: isolation rests on the queries alone). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2CrossTenantIT extends CrossTenantTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server("url =");
    }

    @Override
    protected boolean rowLevelSecurity() {
        return false;
    }
}
