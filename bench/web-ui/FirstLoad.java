import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI's first load in headless Chromium (bench/web-ui/first-load.sh runs it): a user with a
 * Keycloak session opens the projects screen in a fresh tab, cache empty. Per run, from the final
 * document's Navigation Timing: domInteractive, the load event's end, and when the projects list is
 * on screen (after keycloak-js's round trip to Keycloak and the first API calls).
 */
public class FirstLoad {

    public static void main(String[] args) {
        String url = args[0].replaceAll("/+$", "");
        int runs = Integer.parseInt(args[1]);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        try {
            driver.get(url + "/");
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            driver.findElement(By.id("username")).sendKeys("olivia");
            driver.findElement(By.id("password")).sendKeys("lab");
            driver.findElement(By.id("kc-login")).click();
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("user-name")));
            List<Double> interactive = new ArrayList<>(), loaded = new ArrayList<>(), ready = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                driver.get("about:blank");
                driver.get(url + "/#/projects");
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                        !d.findElements(By.cssSelector("#projects, p.empty")).isEmpty());
                JavascriptExecutor js = driver;
                double shown = ((Number) js.executeScript("return performance.now()")).doubleValue();
                Map<?, ?> nav = (Map<?, ?>) js.executeScript(
                        "const n = performance.getEntriesByType('navigation')[0]; return {i: n.domInteractive, l: n.loadEventEnd};");
                interactive.add(((Number) nav.get("i")).doubleValue());
                loaded.add(((Number) nav.get("l")).doubleValue());
                ready.add(shown);
                System.out.printf("run %d: domInteractive %.0f ms, load %.0f ms, projects shown %.0f ms%n",
                        run + 1, interactive.get(run), loaded.get(run), shown);
            }
            System.out.printf("median of %d: domInteractive %.0f ms (%.0f–%.0f), load %.0f ms, projects shown %.0f ms (%.0f–%.0f)%n",
                    runs, median(interactive), Collections.min(interactive), Collections.max(interactive), median(loaded),
                    median(ready), Collections.min(ready), Collections.max(ready));
        } finally {
            driver.quit();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
