package com.kobatela.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A small, strict kustomize renderer for the subset of kustomize our manifests use, so that the manifest test
 * runs on any machine with a JDK (no {@code kubectl}/{@code kustomize} binary, no Java port of kustomize on Maven
 * Central). Supported fields of a {@code Kustomization} / {@code Component}: {@code resources} (files and
 * directories), {@code components}, {@code namespace}, {@code labels} (metadata only, or with
 * {@code includeTemplates}), {@code patches} (strategic merge patches from a file, optionally applied to every
 * resource matching a {@code target} of group/version/kind/name), {@code images} and {@code replicas}. Anything else
 * fails, so a kustomization never silently renders differently here than with kustomize; when {@code kubectl} is
 * installed, {@code ManifestTest} also compares this rendering with {@code kubectl kustomize}.
 * <p>
 * Strategic merge follows Kubernetes' rules for the built-in kinds (lists of containers, env, volumes, volume mounts,
 * ports merged by their merge key; {@code null} deletes a field); custom resources get a JSON merge patch (RFC 7386:
 * lists replaced), as kustomize does.
 */
public final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components", "namespace",
            "labels", "patches", "images", "replicas");
    /** API groups whose kinds get Kubernetes' strategic merge (the built-in kinds our manifests use). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "policy", "networking.k8s.io", "batch",
            "autoscaling");
    /** Merge keys of lists, by field name (Kubernetes API {@code patchMergeKey}); {@code ports} depends on the parent. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");
    /** Kinds without a namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "ClusterSecretStore", "PersistentVolume", "StorageClass");

    private Kustomize() {
    }

    /**
     * Renders the kustomization in {@code dir}.
     *
     * @return the resources, each as a mutable map, in the order they were loaded
     * @throws IllegalStateException when the kustomization uses an unsupported field or a patch matches nothing
     */
    public static List<Map<String, Object>> build(Path dir) {
        return build(dir, "Kustomization");
    }

    private static List<Map<String, Object>> build(Path dir, String expectedKind) {
        List<Map<String, Object>> out = new ArrayList<>();
        buildInto(dir, expectedKind, out);
        return out;
    }

    /**
     * Loads the kustomization of {@code dir} into {@code out}: its resources are added, its components applied,
     * then its transformers run over everything in {@code out}. For a {@code Kustomization}, {@code out} starts
     * empty; a {@code Component} works on what its parent has accumulated so far, as in kustomize.
     */
    private static void buildInto(Path dir, String expectedKind, List<Map<String, Object>> out) {
        Path file = dir.resolve("kustomization.yaml");
        Map<String, Object> k = readOne(file);
        Set<String> unknown = new LinkedHashSet<>(k.keySet());
        unknown.removeAll(SUPPORTED);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(file + ": fields not supported by the test renderer: " + unknown);
        }
        if (!expectedKind.equals(k.get("kind")) || !String.valueOf(k.get("apiVersion")).startsWith("kustomize.config.k8s.io/")) {
            throw new IllegalStateException(file + ": " + k.get("apiVersion") + " " + k.get("kind") + ", expected " + expectedKind);
        }
        for (String r : strings(k.get("resources"))) {
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p, "Kustomization"));
            } else {
                out.addAll(readAll(p));
            }
        }
        for (String c : strings(k.get("components"))) {
            buildInto(dir.resolve(c).normalize(), "Component", out);
        }
        transform(dir, k, out);
    }

    @SuppressWarnings("unchecked")
    private static void transform(Path dir, Map<String, Object> k, List<Map<String, Object>> resources) {
        for (Object l : list(k.get("labels"))) {
            Map<String, Object> spec = (Map<String, Object>) l;
            Set<String> keys = new LinkedHashSet<>(spec.keySet());
            keys.removeAll(Set.of("pairs", "includeTemplates"));
            if (!keys.isEmpty()) {
                throw new IllegalStateException("labels: unsupported fields " + keys);
            }
            Map<String, Object> pairs = (Map<String, Object>) spec.get("pairs");
            boolean templates = Boolean.TRUE.equals(spec.get("includeTemplates"));
            for (Map<String, Object> r : resources) {
                child(child(r, "metadata"), "labels").putAll(pairs);
                Map<String, Object> template = template(r);
                if (templates && template != null) {
                    child(child(template, "metadata"), "labels").putAll(pairs);
                }
            }
        }
        for (Object p : list(k.get("patches"))) {
            applyPatch(dir, (Map<String, Object>) p, resources);
        }
        Object ns = k.get("namespace");
        if (ns != null) {
            for (Map<String, Object> r : resources) {
                if (!CLUSTER_SCOPED.contains(r.get("kind"))) {
                    child(r, "metadata").put("namespace", ns);
                }
            }
        }
        for (Object i : list(k.get("images"))) {
            Map<String, Object> image = (Map<String, Object>) i;
            for (Map<String, Object> r : resources) {
                Map<String, Object> template = template(r);
                if (template != null) {
                    Map<String, Object> pod = child(template, "spec");
                    setImage(list(pod.get("containers")), image);
                    setImage(list(pod.get("initContainers")), image);
                }
            }
        }
        for (Object rep : list(k.get("replicas"))) {
            Map<String, Object> replicas = (Map<String, Object>) rep;
            boolean found = false;
            for (Map<String, Object> r : resources) {
                if (replicas.get("name").equals(name(r)) && template(r) != null) {
                    child(r, "spec").put("replicas", replicas.get("count"));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException("replicas: no workload named " + replicas.get("name"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void applyPatch(Path dir, Map<String, Object> spec, List<Map<String, Object>> resources) {
        Set<String> keys = new LinkedHashSet<>(spec.keySet());
        keys.removeAll(Set.of("path", "target"));
        if (!keys.isEmpty() || spec.get("path") == null) {
            throw new IllegalStateException("patches: only {path, target} is supported, got " + spec.keySet());
        }
        Path file = dir.resolve((String) spec.get("path"));
        for (Map<String, Object> patch : readAll(file)) {
            Map<String, Object> target = (Map<String, Object>) spec.get("target");
            int applied = 0;
            for (Map<String, Object> r : resources) {
                if (target != null ? matches(r, target) : sameObject(r, patch)) {
                    Map<String, Object> body = new LinkedHashMap<>(patch);
                    body.remove("apiVersion");
                    body.remove("kind");
                    Map<String, Object> meta = body.get("metadata") == null ? null
                            : new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
                    if (meta != null) {
                        meta.remove("name");
                        body.put("metadata", meta);
                    }
                    merge(r, body, builtIn(r));
                    applied++;
                }
            }
            if (applied == 0) {
                throw new IllegalStateException(file + ": the patch matches no resource");
            }
        }
    }

    private static boolean matches(Map<String, Object> r, Map<String, Object> target) {
        Set<String> keys = new LinkedHashSet<>(target.keySet());
        keys.removeAll(Set.of("group", "version", "kind", "name"));
        if (!keys.isEmpty()) {
            throw new IllegalStateException("patch target: unsupported fields " + keys);
        }
        String[] gv = groupVersion(r);
        return (target.get("group") == null || target.get("group").equals(gv[0]))
                && (target.get("version") == null || target.get("version").equals(gv[1]))
                && (target.get("kind") == null || target.get("kind").equals(r.get("kind")))
                && (target.get("name") == null || Pattern.matches((String) target.get("name"), name(r)));
    }

    private static boolean sameObject(Map<String, Object> r, Map<String, Object> patch) {
        return Objects.equals(r.get("kind"), patch.get("kind")) && Objects.equals(groupVersion(r)[0], groupVersion(patch)[0])
                && Objects.equals(name(r), name(patch));
    }

    /**
     * Merges {@code patch} into {@code target} (in place).
     *
     * @param strategic true for Kubernetes' strategic merge (keyed lists), false for a JSON merge patch
     */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, boolean strategic) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                throw new IllegalStateException("patch directive " + key + " is not supported by the test renderer");
            }
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && existing instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) value, strategic);
            } else if (strategic && value instanceof List && existing instanceof List && mergeKey(key, (List<Object>) existing) != null) {
                target.put(key, mergeList((List<Object>) existing, (List<Object>) value, mergeKey(key, (List<Object>) existing)));
            } else {
                target.put(key, copy(value));
            }
        }
    }

    /**
     * Strategic merge of a keyed list, ordered as kustomize orders it: the patch's items first (merged with the
     * original item of the same key), then the original items the patch does not mention.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(List<Object> existing, List<Object> patch, String mergeKey) {
        List<Object> out = new ArrayList<>();
        Set<Object> patched = new LinkedHashSet<>();
        for (Object p : patch) {
            Map<String, Object> item = (Map<String, Object>) p;
            Object key = item.get(mergeKey);
            patched.add(key);
            Map<String, Object> original = null;
            for (Object o : existing) {
                if (Objects.equals(((Map<String, Object>) o).get(mergeKey), key)) {
                    original = (Map<String, Object>) o;
                }
            }
            if (original == null) {
                out.add(copy(item));
            } else {
                merge(original, item, true);
                out.add(original);
            }
        }
        for (Object o : existing) {
            if (!patched.contains(((Map<String, Object>) o).get(mergeKey))) {
                out.add(o);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String mergeKey(String field, List<Object> existing) {
        if ("ports".equals(field) && !existing.isEmpty() && existing.get(0) instanceof Map) {
            Map<String, Object> first = (Map<String, Object>) existing.get(0);
            return first.containsKey("containerPort") ? "containerPort" : first.containsKey("port") ? "port" : null;
        }
        return MERGE_KEYS.get(field);
    }

    @SuppressWarnings("unchecked")
    private static void setImage(List<Object> containers, Map<String, Object> image) {
        for (Object c : containers) {
            Map<String, Object> container = (Map<String, Object>) c;
            String current = (String) container.get("image");
            int colon = current.lastIndexOf(':');
            boolean tagged = colon > current.lastIndexOf('/');
            String repo = tagged ? current.substring(0, colon) : current;
            if (!repo.equals(image.get("name"))) {
                continue;
            }
            String newRepo = image.get("newName") != null ? (String) image.get("newName") : repo;
            String tag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : (tagged ? current.substring(colon + 1) : null);
            container.put("image", tag == null ? newRepo : newRepo + ":" + tag);
        }
    }

    private static boolean builtIn(Map<String, Object> r) {
        return BUILT_IN_GROUPS.contains(groupVersion(r)[0]);
    }

    /** {group, version} of a resource; the core group is "". */
    static String[] groupVersion(Map<String, Object> r) {
        String apiVersion = String.valueOf(r.get("apiVersion"));
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? new String[] {"", apiVersion} : new String[] {apiVersion.substring(0, slash), apiVersion.substring(slash + 1)};
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> r) {
        Map<String, Object> meta = (Map<String, Object>) r.get("metadata");
        return meta == null ? null : (String) meta.get("name");
    }

    /** The pod template of a workload, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> template(Map<String, Object> r) {
        Object spec = r.get("spec");
        if (!(spec instanceof Map) || !Set.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(r.get("kind"))) {
            return null;
        }
        return (Map<String, Object>) ((Map<String, Object>) spec).get("template");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, x -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o)) {
            out.add((String) x);
        }
        return out;
    }

    private static Object copy(Object value) {
        return YAML.convertValue(value, Object.class);
    }

    private static Map<String, Object> readOne(Path file) {
        List<Map<String, Object>> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + ": expected one document, found " + docs.size());
        }
        return docs.get(0);
    }

    /** Every non-empty YAML document of a file, as mutable maps. */
    static List<Map<String, Object>> readAll(Path file) {
        try (MappingIterator<LinkedHashMap<String, Object>> it = YAML.readerFor(MAP).readValues(file.toFile())) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (it.hasNext()) {
                LinkedHashMap<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
