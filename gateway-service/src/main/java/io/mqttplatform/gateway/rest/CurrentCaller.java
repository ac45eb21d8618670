package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** Who the current REST request acts for, as {@link CallerFilter} found it. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller; a resource without {@link CallerRequired} has none (an error in the resource, not the request). */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the resource lacks @CallerRequired");
        }
        return caller;
    }
}
