package io.mqttplatform.gateway.operations;

/**
 * A page of the broker's clients to ask for ({@code GET /api/v1/clients}); a null component is left out, so that the
 * broker's default applies.
 *
 * @param limit     how many clients, 1 to 1000 (the broker's default: 100)
 * @param cursor    where the previous page ended, as the broker gave it
 * @param q         a part of the client id, address or user name
 * @param connected only connected (true) or only disconnected (false) clients
 */
public record ClientsQuery(Integer limit, String cursor, String q, Boolean connected) {}
