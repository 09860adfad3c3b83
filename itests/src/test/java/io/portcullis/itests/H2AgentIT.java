package io.portcullis.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Agent runs end to end on embedded H2, the injection suite included (one framework for the class). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2AgentIT extends AgentTests {

    @Configuration
    public Option[] config() {
        return Provisioning.withModelServer(Provisioning.server("url ="));
    }
}
