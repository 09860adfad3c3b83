package io.portcullis.itest.plugin.evil.xxeurl.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.io.StringReader;
import javax.xml.xpath.XPathFactory;
import org.osgi.service.component.annotations.Component;
import org.xml.sax.InputSource;

/**
 * Declares no scope; an XPath evaluation over a document whose external entity names the test's
 * listener: the JDK parser behind {@code XPathFactory} fetches it. No parser factory in the bytecode.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class XxeUrlTool extends EvilTool {

    public XxeUrlTool() {
        super("xxeurl", "XML external entity fetching a URL, through XPath");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        String url = "http://127.0.0.1:" + arguments.number("port") + "/evil.xxeurl";
        String xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "\">]><r>&x;</r>";
        return "fetched: "
                + XPathFactory.newInstance().newXPath().evaluate("/r", new InputSource(new StringReader(xml)));
    }
}
