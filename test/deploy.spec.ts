import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * deploy/ held against the code: every service runs, every variable the code
 * reads is set where that service runs, every probe is on a health route the
 * code serves. Images cannot be pulled here, so the files are parsed, not run.
 */
const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const SERVICES = ['order', 'inventory', 'fulfilment', 'webhooks'] as const;
const APPS = ['gateway', ...SERVICES] as const;
type App = (typeof APPS)[number];

const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourcesUnder(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });

/** Variables a file reads: `env.NAME`, `env['NAME']`, or a name handed to a config reader (`positive(env, 'NAME', …)`, `required('NAME')`). */
const variablesIn = (source: string): string[] => {
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(name);
  for (const [, name] of source.matchAll(/\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g)) names.add(name);
  for (const [, name] of source.matchAll(/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(name);
  for (const [, name] of source.matchAll(/\w\(\s*'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'\s*[,)]/g)) names.add(name);
  return [...names];
};

/**
 * What each process reads: its app's own sources, and the libraries. The
 * services start a ServiceRuntime (every library but the test helpers); the
 * gateway has no database and uses only the logger and stream provisioning.
 */
const LIBS_FOR: Record<App, string[]> = {
  gateway: ['libs/messaging/src/json-logger.ts', 'libs/messaging/src/provision.ts', 'libs/messaging/src/tracing.ts'],
  order: [],
  inventory: [],
  fulfilment: [],
  webhooks: [],
};
const sharedLibs = ['libs/contracts/src', 'libs/event-store/src', 'libs/messaging/src'].flatMap(sourcesUnder);
const variablesOf = (app: App): string[] => {
  const files = [...sourcesUnder(`apps/${app}/src`), ...(app === 'gateway' ? LIBS_FOR.gateway : sharedLibs)];
  return [...new Set(files.flatMap((file) => variablesIn(read(file))))].sort();
};
const allVariables = [...new Set(APPS.flatMap(variablesOf))].sort();

describe('deploy/ against the code', () => {
  it('finds the variables the code reads (the scan itself works)', () => {
    expect(variablesOf('gateway')).toEqual(expect.arrayContaining(['NATS_URL', 'PORT', 'OMS_REQUEST_TIMEOUT_MS', 'OMS_REQUEST_ATTEMPT_TIMEOUT_MS', 'OMS_API_KEYS']));
    expect(variablesOf('order')).toEqual(expect.arrayContaining(['DATABASE_URL', 'NATS_URL', 'OMS_STREAM_REPLICAS', 'OMS_HEALTH_PORT', 'OMS_ROUTING_MAX_ATTEMPTS']));
    expect(variablesOf('fulfilment')).toEqual(expect.arrayContaining(['OMS_PICKUP_CODE_KEY', 'OMS_FULFILMENT_POLL_MS']));
    expect(variablesOf('gateway')).not.toContain('DATABASE_URL');
  });

  it('documents every variable in the README configuration table', () => {
    const readme = read('README.md');
    for (const name of allVariables) expect({ name, documented: readme.includes(`\`${name}\``) || readme.includes(`/ \`_${name.split('_').pop()}\``) }).toEqual({ name, documented: true });
  });

  describe('Dockerfile', () => {
    const dockerfile = read('Dockerfile');
    it('builds the code and runs a service by its compiled entry point', () => {
      expect(dockerfile).toMatch(/RUN npm ci/);
      expect(dockerfile).toMatch(/npm run build/);
      expect(dockerfile).toMatch(/ENTRYPOINT \["node"\]/);
    });
  });

  describe('docker-compose.yml', () => {
    const compose = parse(read('deploy/docker-compose.yml'), { merge: true });
    const service = (name: string) => compose.services[name];

    it('runs Postgres, three NATS nodes clustered with JetStream, and every app', () => {
      expect(service('postgres').image).toMatch(/^postgres:/);
      const conf = read('deploy/nats.conf');
      expect(conf).toMatch(/jetstream/);
      for (const node of ['nats-1', 'nats-2', 'nats-3']) {
        expect(service(node).image).toMatch(/^nats:/);
        expect(service(node).command).toEqual(expect.arrayContaining(['--name', node]));
        expect(conf).toContain(`nats-route://${node}:6222`);
      }
      for (const app of APPS) expect(service(app).command).toEqual([`dist/apps/${app}/src/main.js`]);
    });

    it('runs two instances of each service against all three NATS nodes, streams replicated three times', () => {
      for (const app of SERVICES) {
        expect(service(app).deploy.replicas).toBe(2);
        expect(service(app).environment.OMS_STREAM_REPLICAS).toBe('3');
        expect(service(app).environment.NATS_URL.split(',')).toHaveLength(3);
      }
    });

    it.each(APPS)('gives %s every variable its code reads', (app) => {
      const environment = service(app).environment as Record<string, string>;
      expect(variablesOf(app).filter((name) => !(name in environment))).toEqual([]);
    });

    it.each(APPS)('checks the health of %s on the route its code serves', (app) => {
      const port = app === 'gateway' ? service(app).environment.PORT : service(app).environment.OMS_HEALTH_PORT;
      expect(service(app).healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    });
  });

  describe('Helm chart', () => {
    const chart = parse(read('deploy/helm/oms/Chart.yaml'));
    const values = parse(read('deploy/helm/oms/values.yaml'));
    const deployments = read('deploy/helm/oms/templates/deployments.yaml');

    it('takes NATS from the official NATS chart, clustered with JetStream on three nodes', () => {
      expect(chart.dependencies).toEqual([expect.objectContaining({ name: 'nats', repository: 'https://nats-io.github.io/k8s/helm/charts/' })]);
      expect(values.nats.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
      expect(values.nats.config.jetstream.enabled).toBe(true);
      expect(values.config.OMS_STREAM_REPLICAS).toBe(String(values.nats.config.cluster.replicas));
    });

    it('runs every app as a Deployment of several replicas', () => {
      expect(Object.keys(values.services).sort()).toEqual([...APPS].sort());
      for (const app of APPS) expect(values.services[app].replicas).toBeGreaterThanOrEqual(2);
      expect(deployments).toMatch(/kind: Deployment/);
      expect(deployments).toContain('args: ["dist/apps/{{ $service }}/src/main.js"]');
    });

    it('has every variable the code reads as a value, and gives them to every Deployment', () => {
      const given = new Set([...Object.keys(values.config), ...Object.keys(values.secrets)]);
      expect(allVariables.filter((name) => !given.has(name))).toEqual([]);
      expect(deployments).toMatch(/configMapRef:[\s\S]*-config/);
      expect(deployments).toMatch(/secretRef:[\s\S]*-secrets/);
      expect(read('deploy/helm/oms/templates/configmap.yaml')).toMatch(/range \$name, \$value := \.Values\.config/);
      expect(read('deploy/helm/oms/templates/secret.yaml')).toMatch(/range \$name, \$value := \.Values\.secrets/);
    });

    it('probes liveness and readiness on the health routes, on the port each app serves them', () => {
      expect(deployments).toMatch(/livenessProbe:\s*\n\s*httpGet: \{ path: \/health\/live, port: \{\{ \$port \}\} \}/);
      expect(deployments).toMatch(/readinessProbe:\s*\n\s*httpGet: \{ path: \/health\/ready, port: \{\{ \$port \}\} \}/);
      expect(deployments).toContain('ternary $.Values.config.PORT $.Values.config.OMS_HEALTH_PORT (default false $spec.http)');
      expect(values.services.gateway.http).toBe(true);
      for (const app of SERVICES) expect(values.services[app].http).toBeUndefined();
      // The routes exist: the gateway's health controller, the services' health server.
      expect(read('apps/gateway/src/health/health.controller.ts')).toMatch(/@Controller\('health'\)[\s\S]*@Get\('live'\)[\s\S]*@Get\('ready'\)/);
      expect(read('libs/messaging/src/health-server.ts')).toMatch(/'\/health\/live'[\s\S]*'\/health\/ready'/);
    });
  });
});
