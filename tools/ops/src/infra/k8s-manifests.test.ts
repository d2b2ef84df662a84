// The Kubernetes manifests in infra/k8s: every object validated against the Kubernetes JSON
// schemas bundled in kubernetes-models (offline), then the fields that matter to Kelisim.
import { readdirSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
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

describe('infra/k8s', () => {
  it.each(
    objects.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata.name}`, object] as const),
  )('%s matches the Kubernetes schema', (_, object) => {
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

  it('points at Kafka and MongoDB outside the cluster', () => {
    expect(find('Service', 'kafka')?.spec?.type).toBe('ExternalName');
    expect(find('Service', 'mongodb')?.spec?.type).toBe('ExternalName');
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
