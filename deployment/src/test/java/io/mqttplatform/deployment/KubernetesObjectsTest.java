package io.mqttplatform.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict reading itself: it must refuse what the API server would refuse, or the chart checks prove nothing. */
class KubernetesObjectsTest {

    @Test
    void parse_withAFieldKubernetesDoesNotDefine_failsNamingTheField() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: broker
                spec:
                  selector: {app: broker}
                  ports:
                    - port: 1883
                      targetPrt: 1883
                """;

        assertThatThrownBy(() -> KubernetesObjects.parse(service))
                .hasMessageContaining("Service/broker is not a valid Kubernetes object")
                .hasMessageContaining("targetPrt");
    }

    @Test
    void parse_withAWrongType_fails() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: gateway
                spec:
                  replicas: two
                """;

        assertThatThrownBy(() -> KubernetesObjects.parse(deployment)).hasMessageContaining("Deployment/gateway");
    }

    @Test
    void parse_withValidObjects_readsEachAsItsKind() throws Exception {
        String manifests = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                data: {x: "1"}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: b
                spec:
                  selector: {matchLabels: {app: b}}
                  endpoints: [{port: http, path: /metrics}]
                """;

        assertThat(KubernetesObjects.parse(manifests))
                .extracting(KubernetesObjects.Rendered::toString)
                .containsExactly("ConfigMap/a", "ServiceMonitor/b");
    }
}
