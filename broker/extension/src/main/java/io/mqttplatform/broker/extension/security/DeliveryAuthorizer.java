package io.mqttplatform.broker.extension.security;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import io.mqttplatform.broker.extension.security.acl.Access;
import io.mqttplatform.broker.extension.security.acl.AclRules;

import java.util.function.Supplier;

/**
 * What one client may receive, decided per delivered message against the ACL file's read access, as mosquitto 2.0
 * does: any subscription is accepted (a client may subscribe to {@code #}) and the client receives exactly the
 * messages it may read, retained ones included. Installed only when an ACL file is set.
 */
public final class DeliveryAuthorizer implements PublishOutboundInterceptor {

    private final String username;
    private final Supplier<AclRules> acl;

    public DeliveryAuthorizer(String username, Supplier<AclRules> acl) {
        this.username = username;
        this.acl = acl;
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        AclRules rules = acl.get();
        if (rules != null
                && !rules.allows(
                        input.getClientInformation().getClientId(),
                        username,
                        input.getPublishPacket().getTopic(),
                        Access.READ)) {
            output.preventPublishDelivery();
        }
    }
}
