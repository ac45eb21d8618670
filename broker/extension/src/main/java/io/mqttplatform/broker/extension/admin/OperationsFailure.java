package io.mqttplatform.broker.extension.admin;

/**
 * Why the operations API could not do what was asked, with the HTTP status it is answered with and a detail that
 * names the field, what was wrong and what is allowed.
 */
public final class OperationsFailure extends RuntimeException {

    private final int status;

    private OperationsFailure(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public static OperationsFailure invalid(String detail) {
        return new OperationsFailure(400, detail);
    }

    public static OperationsFailure unauthenticated(String detail) {
        return new OperationsFailure(401, detail);
    }

    public static OperationsFailure forbidden(String detail) {
        return new OperationsFailure(403, detail);
    }

    public static OperationsFailure notFound(String detail) {
        return new OperationsFailure(404, detail);
    }

    public static OperationsFailure notAllowed(String detail) {
        return new OperationsFailure(405, detail);
    }

    public static OperationsFailure unavailable(String detail) {
        return new OperationsFailure(503, detail);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
