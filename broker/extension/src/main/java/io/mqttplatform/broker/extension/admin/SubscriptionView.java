package io.mqttplatform.broker.extension.admin;

import com.hivemq.extension.sdk.api.services.subscription.TopicSubscription;

import java.util.Comparator;

/** One subscription of one client: its filter as subscribed (shared ones with their {@code $share/group/}). */
public record SubscriptionView(String clientId, String filter, int qos, boolean noLocal, boolean retainAsPublished) {

    static final Comparator<SubscriptionView> BY_CLIENT_AND_FILTER =
            Comparator.comparing(SubscriptionView::clientId).thenComparing(SubscriptionView::filter);

    static SubscriptionView of(String clientId, TopicSubscription subscription) {
        return new SubscriptionView(
                clientId,
                subscription.getTopicFilter(),
                subscription.getQos().getQosNumber(),
                subscription.getNoLocal(),
                subscription.getRetainAsPublished());
    }

    /** Where a page after this one starts. */
    String position() {
        return clientId + '\u0000' + filter;
    }
}
