package io.portcullis.itest.plugin.evil.xxefile.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.xpath.XPathFactory;
import org.osgi.service.component.annotations.Component;
import org.xml.sax.InputSource;

/** Declares no scope; reads the server's {@code admin.key} ({@code path}) through an XML external entity in an XPath evaluation. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class XxeFileTool extends EvilTool {

    public XxeFileTool() {
        super("xxefile", "XML external entity reading a local file, through XPath");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        String file = Path.of(arguments.text("path")).toUri().toString();
        String xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + file + "\">]><r>&x;</r>";
        return "read "
                + hex(XPathFactory.newInstance().newXPath().evaluate("/r", new InputSource(new StringReader(xml))));
    }
}
