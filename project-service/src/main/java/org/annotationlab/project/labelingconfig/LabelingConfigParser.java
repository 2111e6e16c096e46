package org.annotationlab.project.labelingconfig;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses Label Studio labeling-config XML (the format Annotation Lab uses) into a
 * {@link LabelingConfig}. Safe by construction: any DOCTYPE is refused, so there are no external
 * entities (XXE) and no entity expansion; the size and label count are capped before and after parsing.
 *
 * <p>Rules: the root is {@code <View>}; it holds at least one {@code <Labels name toName>} whose
 * {@code toName} names a {@code <Text name>} of the config; each {@code <Label value>} is unique
 * across the config and has no whitespace (it becomes a CoNLL BIO tag); {@code model} is optional.
 */
public final class LabelingConfigParser {

    private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{L}\\p{N}_.\\-/:+]{1,64}");
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    private final int maxBytes;
    private final int maxLabels;

    public LabelingConfigParser(int maxBytes, int maxLabels) {
        this.maxBytes = maxBytes;
        this.maxLabels = maxLabels;
    }

    public LabelingConfig parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "labelingConfig", "the labeling config is empty");
        }
        if (xml.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "labelingConfig",
                    "the labeling config is larger than " + maxBytes + " bytes");
        }
        Element view = read(xml).getDocumentElement();
        if (!"View".equals(view.getTagName())) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "labelingConfig",
                    "the root element must be <View>, found <" + view.getTagName() + ">");
        }
        return new LabelingConfig(labels(view, textNames(view)));
    }

    /**
     * The same config with some labels' {@code model} attributes set ({@code null} removes the
     * binding); everything else in the XML is kept. {@code xml} must be a config this parser accepts.
     */
    public String rebind(String xml, java.util.Map<String, String> modelByLabel) {
        Document document = read(xml);
        NodeList labels = document.getElementsByTagName("Label");
        for (int i = 0; i < labels.getLength(); i++) {
            Element label = (Element) labels.item(i);
            String value = label.getAttribute("value").trim();
            if (modelByLabel.containsKey(value)) {
                String model = modelByLabel.get(value);
                if (model == null) {
                    label.removeAttribute("model");
                } else {
                    label.setAttribute("model", model);
                }
            }
        }
        try {
            javax.xml.transform.TransformerFactory factory = javax.xml.transform.TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            javax.xml.transform.Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter out = new java.io.StringWriter();
            transformer.transform(new javax.xml.transform.dom.DOMSource(document), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot write the labeling config back", e);
        }
    }

    private List<LabelingConfig.Label> labels(Element view, Set<String> textNames) {
        NodeList groups = view.getElementsByTagName("Labels");
        if (groups.getLength() == 0) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Labels",
                    "the labeling config has no <Labels> element");
        }
        List<LabelingConfig.Label> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int g = 0; g < groups.getLength(); g++) {
            Element group = (Element) groups.item(g);
            String toName = group.getAttribute("toName");
            if (!textNames.contains(toName)) {
                throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Labels[" + g + "].toName",
                        "<Labels toName=\"" + toName + "\"> names no <Text> element of the config");
            }
            NodeList children = group.getElementsByTagName("Label");
            for (int i = 0; i < children.getLength(); i++) {
                labels.add(label((Element) children.item(i), seen));
            }
        }
        if (labels.isEmpty()) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Label", "the labeling config has no <Label>");
        }
        if (labels.size() > maxLabels) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Label",
                    "the labeling config has " + labels.size() + " labels; at most " + maxLabels + " are allowed");
        }
        return labels;
    }

    private static LabelingConfig.Label label(Element element, Set<String> seen) {
        String value = element.getAttribute("value").trim();
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Label[value=" + value + "]",
                    "label \"" + value + "\" must be 1-64 letters, digits or _.-/:+ (no spaces: it becomes a BIO tag)");
        }
        if (!seen.add(value)) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Label[value=" + value + "]",
                    "label \"" + value + "\" is declared twice");
        }
        String model = element.hasAttribute("model") ? element.getAttribute("model").trim() : null;
        if (model != null && !MODEL_NAME.matcher(model).matches()) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "Label[value=" + value + "].model",
                    "label " + value + " names an invalid model \"" + model + "\"");
        }
        return new LabelingConfig.Label(value, model == null || model.isEmpty() ? null : model);
    }

    private static Set<String> textNames(Element view) {
        Set<String> names = new LinkedHashSet<>();
        NodeList texts = view.getElementsByTagName("Text");
        for (int i = 0; i < texts.getLength(); i++) {
            names.add(((Element) texts.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Document read(String xml) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            String message = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "DOCTYPE declarations and entities are not allowed in a labeling config"
                    : "malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                            + e.getMessage();
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "labelingConfig", message);
        } catch (SAXException | IOException e) {
            throw new LabelingConfigException("INVALID_LABELING_CONFIG", "labelingConfig",
                    "malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure-processing support", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
