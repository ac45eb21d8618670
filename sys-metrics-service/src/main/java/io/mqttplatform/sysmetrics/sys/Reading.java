package io.mqttplatform.sysmetrics.sys;

/** A parsed {@code $SYS} value: a number, or a text for info metrics. */
public record Reading(double number, String text) {

    public static Reading ofNumber(double number) {
        return new Reading(number, null);
    }

    public static Reading ofText(String text) {
        return new Reading(1, text);
    }
}
