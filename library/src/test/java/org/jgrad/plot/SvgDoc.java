package org.jgrad.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An SVG string parsed as XML (so a malformed one fails the test), with small queries. */
final class SvgDoc {

    final Document doc;

    SvgDoc(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Elements with this tag whose class attribute contains {@code cls} as a word (any class if null). */
    List<Element> all(String tag, String cls) {
        return all(doc.getDocumentElement(), tag, cls);
    }

    static List<Element> all(Element root, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = root.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (cls == null || (" " + e.getAttribute("class") + " ").contains(" " + cls + " ")) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first element with this tag and class whose attribute {@code attr} equals {@code value}. */
    Element find(String tag, String cls, String attr, String value) {
        for (Element e : all(tag, cls)) {
            if (e.getAttribute(attr).equals(value)) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " class=" + cls + " " + attr + "=" + value + ">");
    }

    /** All text content, joined by spaces. */
    String text() {
        StringBuilder b = new StringBuilder();
        collect(doc.getDocumentElement(), b);
        return b.toString();
    }

    private static void collect(Node n, StringBuilder b) {
        if (n.getNodeType() == Node.TEXT_NODE) {
            b.append(n.getNodeValue()).append(' ');
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            collect(c, b);
        }
    }

    /** The text of tick labels of one axis group, such as {@code xaxis} {@code x}. */
    List<String> tickLabels(String cls, String axisId) {
        Element axis = find("g", cls, "data-axis", axisId);
        List<String> out = new ArrayList<>();
        for (Element t : all(axis, "text", "tick")) {
            out.add(t.getTextContent());
        }
        return out;
    }
}
