package io.mqttplatform.sysmetrics.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static io.restassured.RestAssured.given;

/**
 * One scrape of the service's {@code /metrics} in the Prometheus text format, read the way Prometheus reads it:
 * samples by series (name and labels as written), and the {@code # HELP} and {@code # TYPE} of each family.
 */
public final class Scrape {

    public final String text;
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                types.put(parts[2], parts[3]);
            } else if (line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                helps.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
    }

    public static Scrape of(String path) {
        return new Scrape(
                given().when().get(path).then().statusCode(200).extract().asString());
    }

    public static Scrape now() {
        return of("/metrics");
    }

    /** The value of a series without labels, or of the series written exactly so ({@code name{label="v"}}). */
    public OptionalDouble value(String series) {
        Double value = samples.get(series);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public double valueOf(String series) {
        return value(series).orElseThrow(() -> new AssertionError(series + " is not in the scrape:\n" + text));
    }

    public boolean has(String series) {
        return samples.containsKey(series);
    }

    /** Every series name (without labels) that starts with the prefix. */
    public List<String> names(String prefix) {
        return samples.keySet().stream()
                .map(s -> s.replaceFirst("\\{.*", ""))
                .filter(s -> s.startsWith(prefix))
                .distinct()
                .toList();
    }

    /** Every series written with this metric name, labels included. */
    public List<String> series(String name) {
        return samples.keySet().stream()
                .filter(s -> s.equals(name) || s.startsWith(name + "{"))
                .toList();
    }

    public Optional<String> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Optional<String> help(String name) {
        return Optional.ofNullable(helps.get(name));
    }
}
