package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Authorization end to end on embedded H2. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2AuthorizationIT extends AuthorizationTests {

    @Configuration
    public Option[] config() {
        return Provisioning.server("url =");
    }
}
