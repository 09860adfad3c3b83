package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Selector;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import org.xml.sax.helpers.DefaultHandler;

/** Neighbours of the reported powers that are harmless: no finding. */
public class NearMisses extends DefaultHandler {

    @Override
    public void characters(char[] ch, int start, int length) {
        Logger.getLogger("x").info(new QName("urn:x", "y").getLocalPart());
    }

    MethodHandle virtual() throws ReflectiveOperationException {
        return MethodHandles.lookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
    }

    Selector selector() throws IOException {
        return Selector.open();
    }

    int cores() {
        return Runtime.getRuntime().availableProcessors()
                + System.lineSeparator().length();
    }
}
