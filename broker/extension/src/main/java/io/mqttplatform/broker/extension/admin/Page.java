package io.mqttplatform.broker.extension.admin;

import java.util.List;

/**
 * One page of a listing: the items, the cursor of the next page (null on the last) and how many items match in all.
 */
public record Page<T>(List<T> items, String cursor, int total) {}
