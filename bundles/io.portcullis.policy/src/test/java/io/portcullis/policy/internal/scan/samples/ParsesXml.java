package io.portcullis.policy.internal.scan.samples;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;
import org.xml.sax.XMLReader;

/** Parses XML with the JDK's defaults: external entities can read files and fetch URLs. */
public class ParsesXml {

    Object dom(InputStream in) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }

    Object stax() {
        return XMLInputFactory.newFactory();
    }

    Object xslt() {
        return TransformerFactory.newInstance();
    }

    void sax(XMLReader reader, String systemId) throws Exception {
        reader.parse(systemId);
    }
}
