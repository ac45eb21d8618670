package io.mqttplatform.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.Map;

/**
 * The platform's Helm chart (helm/mqtt-platform), rendered and linted by Helm itself through helm-java (Helm's Go
 * library, bundled as a native library): what `helm template` and `helm lint` would say, without a helm binary.
 */
public final class Chart {

    public static final String NAME = "mqtt-platform";
    /** The release name of `make k8s` and of the checks: objects are named "mqtt-platform-&lt;component&gt;". */
    public static final String RELEASE = "mqtt-platform";
    /** The Kubernetes version renders assume (helm template's own default, 1.20, is older than the chart allows). */
    public static final String KUBE_VERSION = "1.32.0";

    private final Path dir;

    /** A chart folder: the platform's, or a copy of it. */
    public Chart(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The chart of a checkout of this repository. */
    public static Chart inRepository(Path repository) {
        return new Chart(repository.resolve("helm").resolve(NAME));
    }

    public Path dir() {
        return dir;
    }

    /** `helm template RELEASE helm/mqtt-platform [-f valuesFile] [--set k=v ...]`. */
    public String template(Path valuesFile, Map<String, Object> settings) {
        TemplateCommand command = new Helm(dir)
                .template()
                .withName(RELEASE)
                .withNamespace(RELEASE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command.withValuesFile(valuesFile.toAbsolutePath());
        }
        settings.forEach(command::set);
        return command.call();
    }

    /** `helm lint --strict` of a chart folder (this chart, or a copy with other values). */
    public static LintResult lint(Path chartDir) {
        return new Helm(chartDir).lint().strict().call();
    }
}
