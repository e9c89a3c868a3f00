package com.kobatela.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.kobatela.kernel.event.Topics;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Renders every overlay of {@code deploy/k8s} ({@link Kustomize}), parses every manifest into fabric8
 * kubernetes-model objects ({@link Manifests}) and checks the invariants of ARCHITECTURE §8: probes, resources
 * sized for native images, hardening, Secret references that resolve, the environment contract of the services
 * (checked against each module's {@code application.properties}), network isolation (only the gateway reachable;
 * services accept only the gateway), topics equal to shared-kernel's {@link Topics}, one PostgreSQL cluster per
 * service. A broken manifest fails the build.
 */
class ManifestTest {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("gateway", "escrow-service", "spend-service", "proof-service", "payment-service");
    static final Map<String, String> NAMESPACES = Map.of("dev", "kobatela-dev", "prod", "kobatela");
    /** Keys of the Secret CloudNativePG generates for a cluster's application user ({@code <cluster>-app}). */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "host", "port", "dbname", "uri",
            "jdbc-uri", "pgpass");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyManifestParsesIntoTypedObjectsInTheOverlayNamespace(String overlay) {
        Manifests m = Manifests.render(overlay);
        assertTrue(m.objects().size() > 40, "rendered " + m.objects().size());
        String ns = NAMESPACES.get(overlay);
        assertTrue(m.find(Namespace.class, ns).isPresent(), "namespace " + ns);
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : m.objects()) {
            String id = o.getApiVersion() + "/" + o.getKind() + "/" + o.getMetadata().getName();
            assertTrue(ids.add(id), "duplicate " + id);
            if (!(o instanceof Namespace)) {
                assertEquals(ns, o.getMetadata().getNamespace(), id);
            }
            assertEquals("kobatela", o.getMetadata().getLabels() == null ? null
                    : o.getMetadata().getLabels().get("app.kubernetes.io/part-of"), id + " part-of label");
        }
        // Secrets are references only: never a committed Secret value.
        assertTrue(m.all(Secret.class).isEmpty(), "a Secret with values is committed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void deploymentsHaveProbesNativeResourcesHardeningServicesAndBudgets(String overlay) {
        Manifests m = Manifests.render(overlay);
        Set<String> names = new TreeSet<>();
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            names.add(name);
            Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), name + ": selector must match the pod labels");
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + " runAsNonRoot");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + " needs no API token");
            for (Container c : pod.getContainers()) {
                String id = name + "/" + c.getName();
                Set<String> portNames = new HashSet<>();
                for (ContainerPort p : c.getPorts()) {
                    portNames.add(p.getName());
                }
                probe(id, c.getStartupProbe(), "/q/health/started", portNames);
                probe(id, c.getLivenessProbe(), "/q/health/live", portNames);
                probe(id, c.getReadinessProbe(), "/q/health/ready", portNames);
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                assertNotNull(requests.get("cpu"), id + " cpu request");
                long memRequest = Quantity.getAmountInBytes(requests.get("memory")).longValue();
                assertTrue(memRequest >= 32L << 20 && memRequest <= 64L << 20, id + ": memory request sized for native, 32-64Mi");
                long memLimit = Quantity.getAmountInBytes(limits.get("memory")).longValue();
                assertTrue(memLimit >= memRequest, id + ": memory limit");
                assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), id);
                assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), id);
                assertTrue(c.getSecurityContext().getCapabilities().getDrop().contains("ALL"), id);
                assertTrue(c.getImage().matches("^[a-z0-9./-]+:[A-Za-z0-9._-]+$") && !c.getImage().endsWith(":latest"),
                        id + ": pinned image tag, got " + c.getImage());
                for (VolumeMount vm : c.getVolumeMounts()) {
                    assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(vm.getName())), id + " mounts " + vm.getName());
                }
            }
            Service svc = m.find(Service.class, name).orElseThrow(() -> new AssertionError("no Service for " + name));
            assertEquals(selector, svc.getSpec().getSelector(), name + ": Service selects the pods");
            assertEquals("ClusterIP", svc.getSpec().getType(), name + ": only the Ingress exposes anything");
            for (ServicePort sp : svc.getSpec().getPorts()) {
                assertTrue(pod.getContainers().get(0).getPorts().stream().anyMatch(p -> p.getName().equals(sp.getTargetPort().getStrVal())),
                        name + ": Service targets a declared port");
            }
            if (!name.equals("psp-sandbox")) {
                PodDisruptionBudget pdb = m.find(PodDisruptionBudget.class, name).orElseThrow(() -> new AssertionError("no PDB for " + name));
                assertEquals(selector, pdb.getSpec().getSelector().getMatchLabels(), name + ": PDB selects the pods");
                int replicas = d.getSpec().getReplicas();
                if (pdb.getSpec().getMinAvailable() != null) {
                    assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < replicas,
                            name + ": minAvailable must leave room to drain a node (replicas " + replicas + ")");
                } else {
                    assertTrue(pdb.getSpec().getMaxUnavailable().getIntVal() >= 1, name + ": maxUnavailable");
                }
            }
        }
        Set<String> expected = new TreeSet<>(SERVICES);
        if (overlay.equals("dev")) {
            expected.add("psp-sandbox");
        }
        assertEquals(expected, names, "Deployments of " + overlay);
        if (overlay.equals("prod")) {
            assertTrue(m.find(Deployment.class, "gateway").orElseThrow().getSpec().getReplicas() >= 3, "gateway replicas in prod");
            for (String s : SERVICES) {
                assertTrue(m.find(Deployment.class, s).orElseThrow().getSpec().getReplicas() >= 2, s + " replicas in prod");
            }
        }
        for (Ingress ing : m.all(Ingress.class)) {
            ing.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p -> assertEquals("gateway",
                    p.getBackend().getService().getName(), "only the gateway is exposed")));
        }
    }

    private static void probe(String id, Probe p, String path, Set<String> portNames) {
        assertNotNull(p, id + ": probe " + path);
        assertEquals(path, p.getHttpGet().getPath(), id);
        assertTrue(portNames.contains(p.getHttpGet().getPort().getStrVal()), id + ": probe port " + p.getHttpGet().getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretAndConfigMapReferenceResolves(String overlay) {
        Manifests m = Manifests.render(overlay);
        Map<String, Set<String>> secrets = secretKeysProvided(m);
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (ConfigMap cm : m.all(ConfigMap.class)) {
            configMaps.put(cm.getMetadata().getName(), cm.getData().keySet());
        }
        int checked = 0;
        for (Deployment d : m.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                String id = d.getMetadata().getName() + "/" + c.getName();
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        SecretKeySelector ref = e.getValueFrom().getSecretKeyRef();
                        assertTrue(secrets.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()),
                                id + " env " + e.getName() + ": Secret " + ref.getName() + " has no key " + ref.getKey());
                        checked++;
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = e.getValueFrom().getConfigMapKeyRef();
                        assertTrue(configMaps.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()), id + " env " + e.getName());
                    }
                }
                c.getEnvFrom().forEach(ef -> {
                    assertNotNull(ef.getConfigMapRef(), id + ": envFrom only from ConfigMaps");
                    assertTrue(configMaps.containsKey(ef.getConfigMapRef().getName()), id + ": ConfigMap " + ef.getConfigMapRef().getName());
                });
            }
            for (Volume v : pod.getVolumes()) {
                if (v.getSecret() != null) {
                    Set<String> keys = secrets.get(v.getSecret().getSecretName());
                    assertNotNull(keys, d.getMetadata().getName() + ": volume Secret " + v.getSecret().getSecretName());
                    v.getSecret().getItems().forEach(i -> assertTrue(keys.contains(i.getKey()),
                            d.getMetadata().getName() + ": Secret " + v.getSecret().getSecretName() + " has no key " + i.getKey()));
                    checked++;
                }
            }
        }
        for (GenericKubernetesResource c : m.custom("postgresql.cnpg.io/v1", "Cluster")) {
            Map<String, Object> creds = c.get("spec", "backup", "barmanObjectStore", "s3Credentials");
            if (creds != null) {
                for (Object ref : creds.values()) {
                    Map<?, ?> sel = (Map<?, ?>) ref;
                    assertTrue(secrets.getOrDefault((String) sel.get("name"), Set.of()).contains((String) sel.get("key")),
                            c.getMetadata().getName() + ": backup credentials " + sel);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 20, "checked " + checked + " references");
    }

    /** Secret name → keys, from ExternalSecret targets and CloudNativePG's generated application Secrets. */
    static Map<String, Set<String>> secretKeysProvided(Manifests m) {
        Map<String, Set<String>> out = new HashMap<>();
        for (GenericKubernetesResource es : m.custom("external-secrets.io/v1", "ExternalSecret")) {
            assertEquals("ClusterSecretStore", es.get("spec", "secretStoreRef", "kind"));
            String target = es.get("spec", "target", "name");
            List<Map<String, Object>> data = es.get("spec", "data");
            Set<String> keys = out.computeIfAbsent(target, x -> new HashSet<>());
            for (Map<String, Object> d : data) {
                keys.add((String) d.get("secretKey"));
                assertNotNull(((Map<?, ?>) d.get("remoteRef")).get("key"), target + ": remoteRef.key");
            }
        }
        for (GenericKubernetesResource c : m.custom("postgresql.cnpg.io/v1", "Cluster")) {
            out.put(c.getMetadata().getName() + "-app", CNPG_APP_SECRET_KEYS);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesGetTheConfigurationTheirCodeReads(String overlay) throws IOException {
        Manifests m = Manifests.render(overlay);
        ConfigMap platform = m.find(ConfigMap.class, "kobatela-platform").orElseThrow();
        Map<String, String> shared = platform.getData();
        assertEquals("false", shared.get("KOBATELA_KAFKA_CREATE_TOPICS"), "Strimzi owns the topics");
        String kafkaCluster = m.custom("kafka.strimzi.io/v1beta2", "KafkaTopic").get(0).getMetadata().getLabels().get("strimzi.io/cluster");
        assertEquals(kafkaCluster + "-kafka-bootstrap:9092", shared.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(Set.of("dev", "staging", "prod").contains(shared.get("KOB_ENV")), "KOB_ENV " + shared.get("KOB_ENV"));
        if (overlay.equals("prod")) {
            assertEquals("prod", shared.get("KOB_ENV"));
            assertTrue(shared.get("KOBATELA_PSP_URL").startsWith("https://"), "prod PSP over TLS");
        }
        Map<String, GenericKubernetesResource> clusters = new HashMap<>();
        m.custom("postgresql.cnpg.io/v1", "Cluster").forEach(c -> clusters.put(c.getMetadata().getName(), c));
        for (String name : SERVICES) {
            Deployment d = m.find(Deployment.class, name).orElseThrow();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            Map<String, EnvVar> env = new HashMap<>();
            c.getEnv().forEach(e -> env.put(e.getName(), e));
            Properties props = applicationProperties(name);
            String port = props.getProperty("quarkus.http.port");
            assertEquals(port, env.get("QUARKUS_HTTP_PORT").getValue(), name + " port");
            assertEquals(Integer.valueOf(port), c.getPorts().get(0).getContainerPort(), name + " containerPort");
            // Database: CloudNativePG cluster <name>-db holds the database the code expects (kobatela.db.name).
            String host = env.get("KOBATELA_DB_HOST").getValue();
            assertTrue(host.endsWith("-rw"), name + ": the primary's read-write Service");
            GenericKubernetesResource cluster = clusters.get(host.substring(0, host.length() - 3));
            assertNotNull(cluster, name + ": no database cluster behind " + host);
            assertEquals(props.getProperty("kobatela.db.name"), cluster.get("spec", "bootstrap", "initdb", "database"), name + " database");
            assertEquals("5432", env.get("KOBATELA_DB_PORT").getValue());
            for (String secretEnv : List.of("KOBATELA_DB_USER", "KOBATELA_DB_PASSWORD")) {
                assertEquals(cluster.getMetadata().getName() + "-app", env.get(secretEnv).getValueFrom().getSecretKeyRef().getName(), name + " " + secretEnv);
            }
            assertTrue(c.getEnvFrom().stream().anyMatch(ef -> "kobatela-platform".equals(ef.getConfigMapRef().getName())), name + " envFrom");
            assertMountedFile(name, pod, c, shared.get("KOBATELA_JWT_PUBLIC_KEY_LOCATION"), "kobatela-jwt-public");
        }
        // Gateway: HMAC pepper, signing key, upstreams that exist on the right ports.
        Deployment gw = m.find(Deployment.class, "gateway").orElseThrow();
        Container gc = gw.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> genv = new HashMap<>();
        gc.getEnv().forEach(e -> genv.put(e.getName(), e));
        assertEquals("SECRET_KEY", genv.get("SECRET_KEY").getValueFrom().getSecretKeyRef().getKey());
        assertMountedFile("gateway", gw.getSpec().getTemplate().getSpec(), gc, genv.get("KOBATELA_JWT_PRIVATE_KEY_LOCATION").getValue(), "kobatela-gateway");
        for (String upstream : List.of("escrow", "spend", "proof", "payment")) {
            String url = genv.get("KOBATELA_UPSTREAM_" + upstream.toUpperCase() + "_URL").getValue();
            String svc = upstream + "-service";
            String port = applicationProperties(svc).getProperty("quarkus.http.port");
            assertEquals("http://" + svc + ":" + port, url, "upstream " + upstream);
            assertTrue(m.find(Service.class, svc).orElseThrow().getSpec().getPorts().stream().anyMatch(p -> p.getPort() == Integer.parseInt(port)));
        }
        if (overlay.equals("prod")) {
            assertEquals("redis", genv.get("KOBATELA_RATE_LIMIT_BACKEND").getValue(), "shared rate limits in prod");
            assertEquals("kobatela-redis", genv.get("QUARKUS_REDIS_HOSTS").getValueFrom().getSecretKeyRef().getName());
        }
        Map<String, EnvVar> penv = new HashMap<>();
        m.find(Deployment.class, "payment-service").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> penv.put(e.getName(), e));
        assertEquals("kobatela-psp-webhook", penv.get("PSP_WEBHOOK_SECRET").getValueFrom().getSecretKeyRef().getName());
        assertEquals(Boolean.FALSE, Objects.requireNonNullElse(penv.get("PSP_WEBHOOK_SECRET").getValueFrom().getSecretKeyRef().getOptional(), false),
                "the primary webhook secret is required");
        assertEquals("PSP_WEBHOOK_SECRET_NEXT", penv.get("PSP_WEBHOOK_SECRET_NEXT").getValueFrom().getSecretKeyRef().getKey(),
                "the next-secret slot for rotations");
    }

    /** The file at {@code location} comes from a read-only mount of a volume of Secret {@code secret}. */
    private static void assertMountedFile(String id, PodSpec pod, Container c, String location, String secret) {
        Path file = Path.of(location);
        VolumeMount mount = c.getVolumeMounts().stream().filter(vm -> file.getParent().equals(Path.of(vm.getMountPath())))
                .findFirst().orElseThrow(() -> new AssertionError(id + ": nothing mounted at " + file.getParent()));
        assertEquals(Boolean.TRUE, mount.getReadOnly(), id + " read-only " + mount.getMountPath());
        Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertEquals(secret, v.getSecret().getSecretName(), id + " " + location);
        assertTrue(v.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(file.getFileName().toString())), id + " " + location);
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Manifests.repoDir().resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesLetOnlyTheGatewayInAndServicesAcceptOnlyTheGateway(String overlay) {
        Manifests m = Manifests.render(overlay);
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        for (Deployment d : m.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress") && selects(p.getSpec().getPodSelector(), labels)).toList();
            assertFalse(selecting.isEmpty(), name + ": isolated by a NetworkPolicy");
            int port = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            Set<String> allowedPods = new TreeSet<>();
            for (NetworkPolicy p : selecting) {
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    assertFalse(rule.getFrom().isEmpty(), p.getMetadata().getName() + ": a rule without 'from' admits everyone");
                    assertFalse(rule.getPorts().isEmpty(), p.getMetadata().getName() + ": a rule without ports");
                    rule.getPorts().forEach(pp -> assertEquals(port, pp.getPort().getIntVal(), p.getMetadata().getName() + ": only the http port"));
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        assertEquals(null, peer.getIpBlock(), p.getMetadata().getName() + ": no ipBlock");
                        if (peer.getNamespaceSelector() != null) {
                            String ns = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
                            assertEquals(null, peer.getPodSelector(), p.getMetadata().getName());
                            if (name.equals("gateway")) {
                                assertTrue(Set.of("ingress-nginx", "monitoring").contains(ns), "gateway admits namespace " + ns);
                            } else {
                                assertEquals("monitoring", ns, name + ": only Prometheus from another namespace");
                            }
                        } else {
                            allowedPods.add(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                        }
                    }
                }
            }
            Set<String> expectedPods = switch (name) {
                case "gateway" -> overlay.equals("dev") ? Set.of("psp-sandbox") : Set.of();
                case "psp-sandbox" -> Set.of("payment-service");
                default -> Set.of("gateway");
            };
            assertEquals(new TreeSet<>(expectedPods), allowedPods, name + ": pods allowed in");
        }
        // Databases accept their own service, their own instances and the operator only.
        for (GenericKubernetesResource c : m.custom("postgresql.cnpg.io/v1", "Cluster")) {
            String cluster = c.getMetadata().getName();
            Map<String, String> dbLabels = Map.of("cnpg.io/cluster", cluster);
            List<NetworkPolicy> selecting = policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), dbLabels)).toList();
            assertEquals(1, selecting.size(), cluster + ": one policy");
            Set<String> apps = new TreeSet<>();
            for (NetworkPolicyIngressRule rule : selecting.get(0).getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertEquals(null, peer.getIpBlock());
                    if (peer.getPodSelector() != null) {
                        Map<String, String> sel = peer.getPodSelector().getMatchLabels();
                        if (sel.containsKey("app.kubernetes.io/name")) {
                            apps.add(sel.get("app.kubernetes.io/name"));
                        } else {
                            assertEquals(dbLabels, sel, cluster + ": replication peers");
                        }
                    } else {
                        assertEquals("cnpg-system", peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                    }
                }
            }
            assertEquals(1, apps.size(), cluster + ": one service, got " + apps);
            assertEquals(cluster, apps.iterator().next().replace("-service", "") + "-db", cluster + ": its own service only");
        }
    }

    /** True when a selector (matchLabels and In/NotIn/Exists expressions) selects {@code labels}. */
    static boolean selects(LabelSelector s, Map<String, String> labels) {
        if (s.getMatchLabels() != null && !labels.entrySet().containsAll(s.getMatchLabels().entrySet())) {
            return false;
        }
        if (s.getMatchExpressions() != null) {
            for (var e : s.getMatchExpressions()) {
                String v = labels.get(e.getKey());
                boolean ok = switch (e.getOperator()) {
                    case "In" -> v != null && e.getValues().contains(v);
                    case "NotIn" -> v == null || !e.getValues().contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> throw new IllegalStateException("operator " + e.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaTopicsAreTheSharedKernelTopics(String overlay) {
        Manifests m = Manifests.render(overlay);
        List<GenericKubernetesResource> topics = m.custom("kafka.strimzi.io/v1beta2", "KafkaTopic");
        Set<String> names = new TreeSet<>();
        for (GenericKubernetesResource t : topics) {
            String topic = t.get("spec", "topicName");
            names.add(topic);
            assertEquals("kobatela", t.getMetadata().getLabels().get("strimzi.io/cluster"), topic);
            assertTrue(((Number) t.get("spec", "partitions")).intValue() >= 3, topic + " partitions");
            int replicas = ((Number) t.get("spec", "replicas")).intValue();
            Map<String, Object> config = t.get("spec", "config");
            if (overlay.equals("prod")) {
                assertEquals(3, replicas, topic + " replicas");
                assertEquals("2", String.valueOf(config.get("min.insync.replicas")), topic + " min.insync.replicas");
            } else {
                GenericKubernetesResource pool = m.custom("kafka.strimzi.io/v1beta2", "KafkaNodePool").get(0);
                assertTrue(replicas <= ((Number) pool.get("spec", "replicas")).intValue(), topic + ": more replicas than brokers");
            }
            assertTrue(Long.parseLong(String.valueOf(config.get("retention.ms"))) >= (topic.endsWith(".dlq") ? 2_592_000_000L : 604_800_000L),
                    topic + " retention");
        }
        assertEquals(new TreeSet<>(Topics.ALL), names, "topics = shared-kernel Topics.ALL");
        assertEquals(Topics.ALL.size(), topics.size(), "one KafkaTopic per topic");
        if (overlay.equals("dev")) {
            GenericKubernetesResource kafka = m.custom("kafka.strimzi.io/v1beta2", "Kafka").get(0);
            assertEquals("kobatela", kafka.getMetadata().getName());
            assertEquals(Boolean.FALSE, kafka.get("spec", "kafka", "config", "auto.create.topics.enable"), "topics only from KafkaTopic resources");
            assertNotNull(kafka.get("spec", "entityOperator", "topicOperator"), "the Topic Operator reconciles the KafkaTopics");
        } else {
            assertTrue(m.custom("kafka.strimzi.io/v1beta2", "Kafka").isEmpty(), "prod uses the platform's Kafka cluster");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onePostgresClusterPerServiceWithBackupsInProd(String overlay) throws IOException {
        Manifests m = Manifests.render(overlay);
        List<GenericKubernetesResource> clusters = m.custom("postgresql.cnpg.io/v1", "Cluster");
        Set<String> databases = new TreeSet<>();
        for (GenericKubernetesResource c : clusters) {
            databases.add(c.get("spec", "bootstrap", "initdb", "database"));
            assertEquals(c.<Object>get("spec", "bootstrap", "initdb", "database"), c.get("spec", "bootstrap", "initdb", "owner"));
            assertNotNull(c.get("spec", "storage", "size"), c.getMetadata().getName());
            int instances = ((Number) c.get("spec", "instances")).intValue();
            if (overlay.equals("prod")) {
                assertEquals(3, instances, c.getMetadata().getName());
                assertNotNull(c.get("spec", "backup", "barmanObjectStore", "destinationPath"), c.getMetadata().getName() + " backups");
                assertTrue(m.custom("postgresql.cnpg.io/v1", "ScheduledBackup").stream()
                        .anyMatch(b -> c.getMetadata().getName().equals(b.get("spec", "cluster", "name"))), c.getMetadata().getName() + " scheduled backup");
            }
        }
        Set<String> expected = new TreeSet<>();
        for (String s : SERVICES) {
            expected.add(applicationProperties(s).getProperty("kobatela.db.name"));
        }
        assertEquals(expected, databases);
    }

    /** Where kubectl is installed, our renderer must agree with the real kustomize on every overlay. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendererAgreesWithKubectlKustomizeWhenInstalled(String overlay) throws Exception {
        Path dir = Manifests.k8sDir().resolve("overlays").resolve(overlay);
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "kubectl not installed");
            return;
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), "kubectl kustomize failed: " + err);
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Files.write(file, out);
            Map<String, Map<String, Object>> theirs = byId(Kustomize.readAll(file));
            Map<String, Map<String, Object>> ours = byId(Kustomize.build(dir));
            assertEquals(new TreeSet<>(theirs.keySet()), new TreeSet<>(ours.keySet()));
            for (String id : theirs.keySet()) {
                assertEquals(theirs.get(id), ours.get(id), id);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> resources) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> r : resources) {
            out.put(r.get("apiVersion") + "/" + r.get("kind") + "/" + Kustomize.name(r), r);
        }
        return out;
    }

    /** The checks bite: a misspelt field, an unknown kind, an unsupported kustomize field or a stray patch fail. */
    @Test
    void brokenManifestsFail(@TempDir Path tmp) throws IOException {
        Path good = Manifests.k8sDir().resolve("base/escrow-service.yaml");
        String deployment = Files.readString(good).split("\n---\n")[0];
        Map<String, Object> typo = Kustomize.readAll(write(tmp, "typo.yaml", deployment.replace("livenessProbe:", "livenesProbe:"))).get(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Manifests.parse(typo));
        assertTrue(e.getMessage().contains("livenesProbe"), e.getMessage());
        Map<String, Object> ok = Kustomize.readAll(write(tmp, "ok.yaml", deployment)).get(0);
        assertEquals("escrow-service", Manifests.parse(ok).getMetadata().getName());
        Map<String, Object> kind = Kustomize.readAll(write(tmp, "kind.yaml", "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopik\nmetadata:\n  name: x\n")).get(0);
        assertThrows(IllegalStateException.class, () -> Manifests.parse(kind));

        Path k = Files.createDirectories(tmp.resolve("k"));
        write(k, "d.yaml", deployment);
        write(k, "kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [d.yaml]\nnamePrefix: x-\n");
        assertThrows(IllegalStateException.class, () -> Kustomize.build(k));
        write(k, "p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nobody\nspec:\n  replicas: 3\n");
        write(k, "kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [d.yaml]\npatches:\n  - path: p.yaml\n");
        assertThrows(IllegalStateException.class, () -> Kustomize.build(k));
        write(k, "p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: escrow-service\nspec:\n  replicas: 3\n");
        assertEquals(3, ((Map<?, ?>) Kustomize.build(k).get(0).get("spec")).get("replicas"));
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Guards against an overlay silently disappearing from the list above. */
    @Test
    void everyOverlayIsTested() throws IOException {
        List<String> dirs = new ArrayList<>();
        try (var s = Files.list(Manifests.k8sDir().resolve("overlays"))) {
            s.filter(Files::isDirectory).forEach(d -> dirs.add(d.getFileName().toString()));
        }
        dirs.sort(null);
        assertEquals(OVERLAYS, dirs);
        if (dirs.isEmpty()) {
            fail("no overlay");
        }
    }
}
