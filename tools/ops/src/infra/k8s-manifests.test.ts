// The Kubernetes manifests in infra/k8s: every object validated against the Kubernetes JSON
// schemas bundled in kubernetes-models (offline), the operators' resources (Strimzi, CloudNativePG)
// against their CRDs' schemas kept in infra/k8s/crd-schemas, then the fields that matter to Kelisim.
import { readdirSync } from 'node:fs';
import { deadLetterTopicName, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { Ajv } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Affinity } from 'kubernetes-models/v1/Affinity';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { repoRoot, repoYaml } from './repo-files.ts';

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

// biome-ignore lint/suspicious/noExplicitAny: the models take their own typed shape; the schema decides.
const models: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Namespace': Namespace,
  'v1 Secret': Secret,
  'v1 Service': Service,
};

const serviceNames = ['case-intake', 'mediator-training', 'regional-monitoring', 'notifications'];
const files = readdirSync(new URL('infra/k8s/', repoRoot)).filter(
  (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
);
const objects = files.flatMap((file) =>
  (repoYaml(`infra/k8s/${file}`) as K8sObject[]).map((object) => ({ file, object })),
);
const find = (kind: string, name: string) =>
  objects.find((o) => o.object.kind === kind && o.object.metadata.name === name)?.object;

// One validator per custom resource, from infra/k8s/crd-schemas/<group>_<version>_<Kind>.yaml.
const ajv = new Ajv({ strict: false, allErrors: true });
const crdSchemaFiles = readdirSync(new URL('infra/k8s/crd-schemas/', repoRoot)).filter((f) =>
  f.endsWith('.yaml'),
);
const customResources = new Map(
  crdSchemaFiles.map((file) => {
    const [group, version, kind] = file.replace(/\.yaml$/, '').split('_');
    return [
      `${group}/${version} ${kind}`,
      ajv.compile(repoYaml(`infra/k8s/crd-schemas/${file}`)[0] as object),
    ];
  }),
);
const crdErrors = (object: K8sObject) => {
  const validate = customResources.get(`${object.apiVersion} ${object.kind}`);
  if (!validate) return [`no schema for ${object.apiVersion} ${object.kind}`];
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

describe('infra/k8s', () => {
  it.each(
    objects.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata.name}`, object] as const),
  )('%s matches its schema', (_, object) => {
    if (object.apiVersion.includes('.')) {
      expect(crdErrors(object)).toEqual([]);
      expect(object.metadata.namespace).toBe('kelisim');
      return;
    }
    const Model = models[`${object.apiVersion} ${object.kind}`];
    expect(Model, `no schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
    expect(() => new Model!(object).validate()).not.toThrow();
    if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe('kelisim');
  });

  it('rejects what breaks the schema (the check bites)', () => {
    const deployment = structuredClone(find('Deployment', 'case-intake')!) as K8sObject;
    deployment.spec = { ...deployment.spec, replicas: 'two' };
    expect(() => new Deployment(deployment as never).validate()).toThrow();
  });

  it("rejects what breaks an operator's schema (the check bites)", () => {
    const pool = structuredClone(find('KafkaNodePool', 'dual-role')!);
    pool.spec = { ...pool.spec, roles: ['broker', 'zookeeper'] };
    expect(crdErrors(pool)).not.toEqual([]);
    const topic = structuredClone(find('KafkaTopic', 'cases')!);
    topic.spec = { ...topic.spec, partition: 6 };
    expect(crdErrors(topic)).not.toEqual([]);
  });

  it('runs Kafka as three KRaft nodes through Strimzi, every event topic and its dead letters with six partitions on all three', () => {
    const kafka = find('Kafka', 'kelisim') as K8sObject & {
      metadata: { annotations?: Record<string, string> };
    };
    expect(kafka.metadata.annotations).toMatchObject({
      'strimzi.io/node-pools': 'enabled',
      'strimzi.io/kraft': 'enabled',
    });
    const config = (kafka.spec!.kafka as { config: Record<string, unknown> }).config;
    expect(config).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2 });
    const pool = find('KafkaNodePool', 'dual-role') as K8sObject & {
      metadata: { labels: Record<string, string> };
    };
    expect(pool.spec).toMatchObject({ replicas: 3, roles: ['controller', 'broker'] });
    expect(pool.metadata.labels['strimzi.io/cluster']).toBe('kelisim');
    const affinity = (pool.spec!.template as { pod: { affinity: object } }).pod.affinity;
    expect(() => new Affinity(affinity as never).validate()).not.toThrow();
    const topics = objects.filter((o) => o.object.kind === 'KafkaTopic').map((o) => o.object);
    expect(topics.map((t) => t.metadata.name).sort()).toEqual(
      eventFamilies.flatMap((family) => [topicName('', family), deadLetterTopicName('', family)]).sort(),
    );
    const partitions = Number(find('ConfigMap', 'kelisim-platform')?.data?.TOPIC_PARTITIONS);
    for (const topic of topics) {
      expect(topic.spec).toMatchObject({ partitions, replicas: 3, config: { 'min.insync.replicas': '2' } });
    }
    expect(find('ConfigMap', 'kelisim-platform')?.data?.KAFKA_BROKERS).toBe(
      'kelisim-kafka-bootstrap.kelisim.svc.cluster.local:9092',
    );
  });

  it('serves MongoDB from FerretDB replicas on a CloudNativePG cluster with a synchronous replica', () => {
    const store = find('Cluster', 'kelisim-store');
    expect(store?.spec).toMatchObject({ instances: 3, minSyncReplicas: 1 });
    const ferretdb = find('Deployment', 'ferretdb') as unknown as InstanceType<typeof Deployment>;
    expect(ferretdb.spec?.replicas).toBeGreaterThanOrEqual(2);
    const env = ferretdb.spec!.template.spec!.containers[0]?.env ?? [];
    expect(env).toContainEqual({
      name: 'STORE_URI',
      valueFrom: { secretKeyRef: { name: 'kelisim-store-app', key: 'uri' } },
    });
    const mongodb = find('Service', 'mongodb');
    expect(mongodb?.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'ferretdb' });
    // The services' MONGO_URL names that Service.
    expect(find('Secret', 'case-intake')?.stringData?.MONGO_URL).toContain(
      'mongodb.kelisim.svc.cluster.local:27017',
    );
    expect(find('Cluster', 'keycloak-db')?.spec?.instances).toBeGreaterThanOrEqual(2);
  });

  it.each(serviceNames)('scales %s on CPU between two instances and the six partitions', (name) => {
    const hpa = find('HorizontalPodAutoscaler', name) as unknown as InstanceType<
      typeof HorizontalPodAutoscaler
    >;
    expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(hpa.spec?.minReplicas).toBe(2);
    expect(hpa.spec?.maxReplicas).toBe(Number(find('ConfigMap', 'kelisim-platform')?.data?.TOPIC_PARTITIONS));
    expect(hpa.spec?.metrics?.[0]?.resource?.name).toBe('cpu');
  });

  it.each(serviceNames)(
    'runs %s with replicas, probes and configuration from its ConfigMap and Secret',
    (name) => {
      const deployment = find('Deployment', name) as unknown as InstanceType<typeof Deployment>;
      expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
      const pod = deployment.spec!.template.spec!;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      const [container] = pod.containers;
      expect(container?.image).toMatch(new RegExp(`^kelisim/${name}:\\d+\\.\\d+\\.\\d+$`));
      expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container?.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(container?.envFrom).toEqual(
        expect.arrayContaining([{ configMapRef: { name } }, { secretRef: { name } }]),
      );
      const secret = find('Secret', name);
      expect(Object.keys(secret?.stringData ?? {})).toEqual(
        expect.arrayContaining(['MONGO_URL', 'FIELD_KEYS', 'FIELD_KEY_CURRENT', 'HASH_KEY']),
      );
      expect(find('ConfigMap', name)?.data?.SERVICE_NAME).toBe(name);
      const port = Number(find('ConfigMap', name)?.data?.PORT);
      expect(container?.ports?.[0]?.containerPort).toBe(port);
      expect(find('Service', name)?.spec?.selector).toEqual({ 'app.kubernetes.io/name': name });
    },
  );

  it('runs Keycloak from the official image in production mode, importing the realm of infra/keycloak', () => {
    const deployment = find('Deployment', 'keycloak') as unknown as InstanceType<typeof Deployment>;
    const pod = deployment.spec!.template.spec!;
    const [container] = pod.containers;
    expect(container?.image).toMatch(/^quay\.io\/keycloak\/keycloak:26\.\d+\.\d+$/);
    expect(container?.args).toEqual(['start', '--import-realm']);
    expect(pod.volumes).toContainEqual({ name: 'realm', configMap: { name: 'keycloak-realm' } });
    expect(find('ConfigMap', 'keycloak')?.data).toMatchObject({
      KC_DB: 'postgres',
      KC_HEALTH_ENABLED: 'true',
    });
    const kustomization = repoYaml('infra/k8s/kustomization.yaml')[0] as { resources: string[] };
    expect(kustomization.resources).toEqual(
      expect.arrayContaining(['keycloak.yaml', 'console.yaml', '../keycloak']),
    );
    expect(kustomization.resources).toEqual(
      expect.arrayContaining(['kafka.yaml', 'document-store.yaml', 'autoscaling.yaml']),
    );
    const realmBase = repoYaml('infra/keycloak/kustomization.yaml')[0] as {
      configMapGenerator: Array<{ name: string; files: string[] }>;
    };
    expect(realmBase.configMapGenerator).toContainEqual(
      expect.objectContaining({ name: 'keycloak-realm', files: ['kelisim-realm.json'] }),
    );
  });

  it("runs Jaeger from the official image and sends every service's spans to it over OTLP", () => {
    const deployment = find('Deployment', 'jaeger') as unknown as InstanceType<typeof Deployment>;
    const [container] = deployment.spec!.template.spec!.containers;
    expect(container?.image).toMatch(/^jaegertracing\/jaeger:2\.\d+\.\d+$/);
    const service = find('Service', 'jaeger') as { spec?: { ports?: { port: number }[] } } | undefined;
    expect(service?.spec?.ports?.map((port) => port.port)).toEqual([4317, 4318, 16686]);
    expect(find('ConfigMap', 'kelisim-platform')?.data?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      'http://jaeger.kelisim.svc.cluster.local:4318',
    );
    const kustomization = repoYaml('infra/k8s/kustomization.yaml')[0] as { resources: string[] };
    expect(kustomization.resources).toContain('jaeger.yaml');
  });

  it('runs the console signing in through the realm, with Secure cookies and no development form', () => {
    const settings = find('ConfigMap', 'console')?.data;
    expect(settings).toMatchObject({ SIGN_IN: 'openid-connect', SECURE_COOKIES: 'true' });
    expect(settings?.OIDC_ISSUER).toBe(find('ConfigMap', 'kelisim-platform')?.data?.JWT_ISSUER);
    expect(Object.keys(find('Secret', 'console')?.stringData ?? {})).toContain('OIDC_CLIENT_SECRET');
  });

  it('trusts no development key: only the realm signs tokens here', () => {
    for (const { object } of objects.filter((o) => ['ConfigMap', 'Secret'].includes(o.object.kind))) {
      const keys = Object.keys({ ...object.data, ...object.stringData });
      expect(keys.filter((key) => key.startsWith('DEV_'))).toEqual([]);
    }
  });

  it('keeps secrets out of ConfigMaps', () => {
    for (const { object } of objects.filter((o) => o.object.kind === 'ConfigMap')) {
      for (const key of Object.keys(object.data ?? {}))
        expect(key).not.toMatch(/KEY$|SECRET|PASSWORD|MONGO_URL/);
    }
  });
});
