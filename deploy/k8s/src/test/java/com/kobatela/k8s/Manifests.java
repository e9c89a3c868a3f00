package com.kobatela.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One rendered overlay: the raw maps and the same manifests parsed into fabric8 kubernetes-model objects (typed
 * classes for built-in kinds, {@link GenericKubernetesResource} for custom resources).
 *
 * @param overlay   overlay directory name under {@code deploy/k8s/overlays}
 * @param raw       the rendered resources
 * @param objects   the parsed resources, same order
 */
record Manifests(String overlay, List<Map<String, Object>> raw, List<HasMetadata> objects) {

    /** Custom resources we use: apiVersion/kind. Anything else that does not parse into a typed class is an error. */
    static final Set<String> KNOWN_CUSTOM = Set.of(
            "external-secrets.io/v1/ExternalSecret",
            "kafka.strimzi.io/v1beta2/KafkaTopic", "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup",
            "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/PrometheusRule");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** deploy/k8s (set by the POM; the working directory otherwise). */
    static Path k8sDir() {
        return Path.of(System.getProperty("kobatela.k8s.dir", ".")).toAbsolutePath().normalize();
    }

    /** The repository root. */
    static Path repoDir() {
        return k8sDir().getParent().getParent();
    }

    /** Renders and parses an overlay; fails on the first manifest that does not parse or carries unknown fields. */
    static Manifests render(String overlay) {
        List<Map<String, Object>> raw = Kustomize.build(k8sDir().resolve("overlays").resolve(overlay));
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> r : raw) {
            objects.add(parse(r));
        }
        return new Manifests(overlay, raw, objects);
    }

    /**
     * Parses one manifest into its fabric8 model class and checks that no field was unknown to the model (a
     * misspelt field such as {@code livenesProbe} lands in {@code additionalProperties} and fails here).
     */
    static HasMetadata parse(Map<String, Object> manifest) {
        String yaml;
        try {
            yaml = YAML.writeValueAsString(manifest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        KubernetesResource parsed = SERIALIZATION.unmarshal(yaml);
        if (!(parsed instanceof HasMetadata object)) {
            throw new IllegalStateException("not a Kubernetes object: " + manifest);
        }
        String id = object.getApiVersion() + "/" + object.getKind() + " " + object.getMetadata().getName();
        if (object instanceof GenericKubernetesResource) {
            if (!KNOWN_CUSTOM.contains(object.getApiVersion() + "/" + object.getKind())) {
                throw new IllegalStateException(id + ": unknown kind (typo in apiVersion or kind?)");
            }
        } else {
            List<String> unknown = new ArrayList<>();
            unknownFields(object, id, unknown);
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(id + ": fields unknown to the Kubernetes API: " + unknown);
            }
        }
        return object;
    }

    /** Collects the non-empty {@code additionalProperties} of a model object graph. */
    private static void unknownFields(Object node, String path, List<String> out) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + m.getName().substring(3), out);
            }
        }
    }

    /** Every object of a model class. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every custom resource of an apiVersion and kind. */
    List<GenericKubernetesResource> custom(String apiVersion, String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource)
                .map(GenericKubernetesResource.class::cast)
                .filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind())).toList();
    }

    /** The object of a class and name. */
    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /** All objects. */
    Stream<HasMetadata> stream() {
        return objects.stream();
    }
}
