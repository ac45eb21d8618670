package io.mqttplatform.broker.extension.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.function.Function;

/** The operations API's answers as JSON (docs/interfaces.md, "Operations API"). */
final class OperationsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode clientList(Page<ClientRecord> page, ClientCounts counts) {
        ObjectNode list = page(page, OperationsJson::client);
        list.put("connected", counts.connected());
        list.put("disconnected", counts.disconnected());
        return list;
    }

    static ObjectNode client(ClientRecord client) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", client.id());
        node.put("connected", client.connected());
        node.put("connectedAt", time(client.connectedAt()));
        node.put("disconnectedAt", time(client.disconnectedAt()));
        node.put("address", client.address());
        node.put("protocol", client.protocol());
        node.put("keepAlive", client.keepAlive());
        node.put("cleanStart", client.cleanStart());
        node.put("sessionExpiry", client.sessionExpiry());
        node.put("username", client.username());
        return node;
    }

    static ObjectNode details(ClientDetails details) {
        ObjectNode node = client(details.client());
        ArrayNode subscriptions = node.putArray("subscriptions");
        details.subscriptions().forEach(subscription -> subscriptions.add(subscription(subscription, false)));
        node.put("queuedMessages", details.queuedMessages());
        return node;
    }

    static ObjectNode subscriptions(Page<SubscriptionView> page) {
        return page(page, subscription -> subscription(subscription, true));
    }

    static ObjectNode retained(Page<RetainedView> page) {
        return page(page, message -> JSON.valueToTree(message));
    }

    static ObjectNode disconnected(String id, boolean disconnected, boolean sessionRemoved) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("disconnected", disconnected);
        node.put("sessionRemoved", sessionRemoved);
        return node;
    }

    static ObjectNode deleted(int count) {
        return JSON.createObjectNode().put("deleted", count);
    }

    static ObjectNode problem(int status, String title, String detail) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "about:blank");
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        return node;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode subscription(SubscriptionView subscription, boolean withClient) {
        ObjectNode node = JSON.createObjectNode();
        if (withClient) {
            node.put("clientId", subscription.clientId());
        }
        node.put("filter", subscription.filter());
        node.put("qos", subscription.qos());
        node.put("noLocal", subscription.noLocal());
        node.put("retainAsPublished", subscription.retainAsPublished());
        return node;
    }

    private static <T> ObjectNode page(Page<T> page, Function<T, ObjectNode> item) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode items = node.putArray("items");
        page.items().forEach(each -> items.add(item.apply(each)));
        node.put("cursor", QueryString.cursorOf(page.cursor()));
        node.put("total", page.total());
        return node;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private OperationsJson() {}
}
