package org.annotationlab.webui;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Label Studio's editor on the Annotate screen, used as a person uses it: a label, then the mouse. */
final class Editor {

    private final Browser browser;

    Editor(Browser browser) {
        this.browser = browser;
    }

    /** Clicks a label of the labels bar (the editor's own buttons). */
    void label(String name) {
        By label = By.xpath("//span[contains(@class,'lsf-label__text') and text()='" + name + "']");
        browser.waitUntil(d -> !d.findElements(label).isEmpty());
        browser.find(By.xpath("//span[contains(@class,'lsf-label__text') and text()='" + name + "']/..")).click();
    }

    /**
     * Drags the mouse over the first occurrence of the words in the editor's text, from inside the
     * left half of their first character to inside the right half of their last: the selection
     * then snaps to exactly those characters. Offsets are from the text element's in-view centre
     * (as WebDriver rounds it: down).
     */
    @SuppressWarnings("unchecked")
    void drag(String words) {
        WebElement text = browser.waitFor(By.cssSelector(".lsf-richtext__container"));
        Map<String, Number> at = (Map<String, Number>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const el = arguments[0], words = arguments[1];
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                let offset = 0, node, nodes = [];
                while ((node = walker.nextNode())) { nodes.push([node, offset]); offset += node.length; }
                const char = i => {
                  const [n, o] = nodes.find(([n, o]) => i >= o && i < o + n.length);
                  const range = document.createRange();
                  range.setStart(n, i - o); range.setEnd(n, i - o + 1);
                  return range.getBoundingClientRect();
                };
                const start = el.textContent.indexOf(words);
                const first = char(start), last = char(start + words.length - 1);
                const box = el.getBoundingClientRect();
                const cx = Math.floor(box.left + box.width / 2), cy = Math.floor(box.top + box.height / 2);
                return { x0: Math.round(first.left + first.width * 0.3 - cx), x1: Math.round(last.right - last.width * 0.3 - cx),
                         y: Math.round(first.top + first.height / 2 - cy) };
                """, text, words);
        new Actions(browser.driver())
                .moveToElement(text, at.get("x0").intValue(), at.get("y").intValue()).clickAndHold()
                .moveToElement(text, at.get("x1").intValue(), at.get("y").intValue()).release().perform();
    }

    /** The regions drawn in the text, "Label:words", in text order. */
    @SuppressWarnings("unchecked")
    List<String> highlights() {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll('.lsf-richtext__container .htx-highlight')]"
                        + ".map(h => h.dataset.label + ':' + h.textContent)");
    }
}
