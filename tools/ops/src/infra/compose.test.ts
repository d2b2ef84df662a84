import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot, repoText, repoYaml } from './repo-files.ts';

const services = {
  'case-intake': 4101,
  'mediator-training': 4102,
  'regional-monitoring': 4103,
  notifications: 4104,
} as const;

type ComposeService = {
  build?: { dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  ports?: string[];
  secrets?: string[];
  healthcheck?: unknown;
};

const compose = repoYaml('docker-compose.yml')[0] as { services: Record<string, ComposeService> };

function composeVersion(): string | null {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

describe('docker-compose.yml', () => {
  it('passes `docker compose config`', ({ skip }) => {
    const missing = composeVersion();
    if (missing) skip(`docker compose is not installed here (${missing}); the YAML checks below still run`);
    execFileSync('docker', ['compose', 'config', '-q'], { cwd: fileURLToPath(repoRoot), stdio: 'pipe' });
  });

  it('runs Kafka and MongoDB with health checks', () => {
    expect(compose.services.kafka?.healthcheck).toBeDefined();
    expect(compose.services.mongodb?.healthcheck).toBeDefined();
  });

  it("runs Keycloak from the official image with the repository's realm, on loopback", () => {
    const keycloak = compose.services.keycloak as ComposeService & { image?: string; volumes?: string[] };
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:26\./);
    expect(keycloak.volumes).toContain(
      './infra/keycloak/kelisim-realm.json:/opt/keycloak/data/import/kelisim-realm.json:ro',
    );
    expect(keycloak.ports).toEqual(['127.0.0.1:8180:8180']);
    expect(keycloak.healthcheck).toBeDefined();
  });

  it("runs Jaeger from the official image, its UI on loopback, and sends the services' spans to it", () => {
    const jaeger = compose.services.jaeger as ComposeService & { image?: string };
    expect(jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
    expect(jaeger.ports).toEqual(['127.0.0.1:16686:16686', '127.0.0.1:4317:4317', '127.0.0.1:4318:4318']);
    expect(jaeger.healthcheck).toBeDefined();
    for (const name of ['case-intake', 'mediator-training', 'regional-monitoring', 'notifications']) {
      expect(compose.services[name]?.environment).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      });
    }
  });

  it('runs the console, signing in through the realm once Keycloak is healthy', () => {
    const console = compose.services.console!;
    expect(console.build?.args?.SERVICE).toBe('console');
    expect(console.environment).toMatchObject({
      SIGN_IN: 'openid-connect',
      OIDC_ISSUER: 'http://keycloak.localhost:8180/realms/kelisim',
    });
    expect(console.depends_on?.keycloak?.condition).toBe('service_healthy');
    expect(console.ports).toContain('127.0.0.1:4100:4100');
  });

  it.each(Object.entries(services))(
    'runs %s from the shared image recipe, after healthy infrastructure',
    (name, port) => {
      const service = compose.services[name]!;
      expect(service.build?.dockerfile).toBe('infra/docker/service.Dockerfile');
      expect(service.build?.args?.SERVICE).toBe(name);
      expect(service.depends_on?.kafka?.condition).toBe('service_healthy');
      expect(service.depends_on?.mongodb?.condition).toBe('service_healthy');
      expect(service.ports).toContain(`127.0.0.1:${port}:${port}`);
      expect(service.environment).toMatchObject({
        PORT: String(port),
        KAFKA_BROKERS: 'kafka:19092',
        JWT_ISSUER: 'http://keycloak.localhost:8180/realms/kelisim',
        DEV_JWT_PUBLIC_KEY: '/run/secrets/jwt_public_key',
      });
      expect(service.secrets).toContain('jwt_public_key');
    },
  );
});

describe('the service Dockerfile', () => {
  const dockerfile = repoText('infra/docker/service.Dockerfile');

  it('is multi-stage on Node 24 and runs as a non-root user with a health check', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:24-slim/);
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(dockerfile).toMatch(/CMD \["node_modules\/\.bin\/tsx", "src\/main\.ts"\]/);
  });

  it('ships the Node major that the suite runs on (.node-version)', () => {
    const major = repoText('.node-version').trim().split('.')[0];
    expect(dockerfile).toMatch(new RegExp(`ARG NODE_IMAGE=node:${major}-slim`));
  });

  it('installs the pinned pnpm and only the service’s slice of the lockfile', () => {
    expect(dockerfile).toContain("packageManager.split('@')[1]");
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile .*--filter "@kelisim\/\$\{SERVICE\}\.\.\."/);
  });
});
