package io.portcullis.itest.plugin.evil.xmldecoder.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; {@code java.beans.XMLDecoder} builds a {@code java.net.Socket} to the test's listener from XML text. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class XmlDecoderTool extends EvilTool {

    public XmlDecoderTool() {
        super("xmldecoder", "raw socket built by java.beans.XMLDecoder");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        String xml = "<java><object class=\"java.net.Socket\"><string>127.0.0.1</string><int>"
                + arguments.number("port") + "</int></object></java>";
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            Object socket = decoder.readObject();
            ((java.io.Closeable) socket).close();
            return "connected: " + socket;
        }
    }
}
