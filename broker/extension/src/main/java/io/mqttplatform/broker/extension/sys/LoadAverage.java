package io.mqttplatform.broker.extension.sys;

/**
 * One of mosquitto's {@code $SYS/broker/load/...} values: an exponentially weighted moving average of a per-minute
 * rate, computed as mosquitto 2.0 does ({@code sys_tree.c}): for a step of {@code dt} seconds in which a counter rose
 * by {@code delta}, the rate is {@code delta * 60 / dt} and the new average is
 * {@code rate + exp(-dt / (60 * minutes)) * (average - rate)}.
 */
public final class LoadAverage {

    /** The three windows mosquitto publishes. */
    public enum Window {
        ONE_MINUTE(1, "1min"),
        FIVE_MINUTES(5, "5min"),
        FIFTEEN_MINUTES(15, "15min");

        private final int minutes;
        private final String label;

        Window(int minutes, String label) {
            this.minutes = minutes;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Window window;
    private double value;

    public LoadAverage(Window window) {
        this.window = window;
    }

    /** Folds in a step of {@code seconds} during which the counter rose by {@code delta}; returns the new average. */
    public double update(long delta, double seconds) {
        double perMinute = delta * 60.0 / seconds;
        double decay = Math.exp(-seconds / (60.0 * window.minutes));
        value = perMinute + decay * (value - perMinute);
        return value;
    }

    public double value() {
        return value;
    }
}
