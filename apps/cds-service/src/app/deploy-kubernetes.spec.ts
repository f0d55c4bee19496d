import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { parseAllDocuments } from 'yaml';
import { parseTrustedClientsConfig } from '@pcb-cds/cds-hooks-auth';
import { DEFAULT_CLOSER_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS } from '@pcb-cds/platform-observability';
import { loadConfig } from './app-config';

// deploy/kubernetes checked against the Kubernetes API schemas (kubernetes-models ships them, generated from
// the Kubernetes OpenAPI spec, with a validator), then against what the service itself reads and does.
const DIR = join(__dirname, '../../../../deploy/kubernetes');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests: Manifest[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    return doc.toJS() as Manifest;
  }),
);
const one = (kind: string): Manifest => {
  const found = manifests.filter((m) => m['kind'] === kind);
  expect(found).toHaveLength(1);
  return found[0];
};
const validate = (manifest: Manifest): void => {
  const Model = MODELS[`${manifest['apiVersion']}/${manifest['kind']}`];
  if (!Model) {
    throw new Error(`no schema for ${manifest['apiVersion']} ${manifest['kind']}`);
  }
  new Model(manifest as never).validate();
};

describe('deploy/kubernetes', () => {
  it.each(manifests.map((m) => [`${m['kind']} ${m['metadata']?.['name']}`, m]))(
    '%s is valid against the Kubernetes schema',
    (_name, manifest) => {
      expect(() => validate(manifest)).not.toThrow();
    },
  );

  it.each([
    [
      'a port given as text',
      (d: Manifest) => (d['spec']['template']['spec']['containers'][0]['ports'][0]['containerPort'] = 'three thousand'),
    ],
    ['no containers', (d: Manifest) => delete d['spec']['template']['spec']['containers']],
    [
      'a probe period as text',
      (d: Manifest) => (d['spec']['template']['spec']['containers'][0]['readinessProbe']['periodSeconds'] = 'often'),
    ],
  ])('the schema check refuses a Deployment with %s', (_name, breakIt) => {
    const broken = structuredClone(one('Deployment'));
    breakIt(broken);
    expect(() => validate(broken)).toThrow();
  });

  it('lists every manifest in kustomization.yaml', () => {
    const kustomization = parseAllDocuments(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'))[0].toJS() as Manifest;
    expect([...kustomization['resources']].sort()).toEqual([...files].sort());
  });

  it('probes readiness on /ready and liveness on /health, on the port the service listens on', () => {
    const container = one('Deployment')['spec']['template']['spec']['containers'][0];
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.ports[0].containerPort).toBe(Number(one('ConfigMap')['data']['PORT']));
    expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(container.resources.limits.memory).toEqual(expect.any(String));
  });

  it('gives a terminating pod longer than the readiness drain, the in-flight bound and the store closing together', () => {
    const config = loadConfig({ ...one('ConfigMap')['data'], ...one('Secret')['stringData'] });
    const grace = one('Deployment')['spec']['template']['spec']['terminationGracePeriodSeconds'];
    expect(config.hookDeadlineMs).toBeLessThanOrEqual(DEFAULT_DRAIN_TIMEOUT_MS); // an in-flight hook call ends within the bound
    expect(grace * 1000).toBeGreaterThan(config.shutdownDrainMs + DEFAULT_DRAIN_TIMEOUT_MS + DEFAULT_CLOSER_TIMEOUT_MS);
  });

  it('configures the service from the ConfigMap and the Secret, which the service accepts as a fleet', () => {
    const configMap = one('ConfigMap');
    const secret = one('Secret');
    const container = one('Deployment')['spec']['template']['spec']['containers'][0];
    expect(container.envFrom).toEqual([
      { configMapRef: { name: configMap['metadata']['name'] } },
      { secretRef: { name: secret['metadata']['name'] } },
    ]);
    expect(Object.keys(secret['stringData']).sort()).toEqual(['DATABASE_URL', 'PATIENT_HASH_SALT', 'REDIS_URL']);
    const config = loadConfig({ ...configMap['data'], ...secret['stringData'] });
    expect(config).toMatchObject({
      auth: { mode: 'on' },
      publicBaseUrl: expect.stringMatching(/^https:/),
      redisUrl: expect.any(String),
      databaseUrl: expect.any(String),
    });
    // The trusted-clients file is mounted where CDS_TRUSTED_CLIENTS_FILE points, and is a valid one.
    const mount = container.volumeMounts.find((m: Manifest) => m['mountPath'] === dirname(config.trustedClientsFile));
    const volume = one('Deployment')['spec']['template']['spec']['volumes'].find((v: Manifest) => v['name'] === mount?.name);
    expect(volume.configMap.name).toBe(configMap['metadata']['name']);
    const file = config.trustedClientsFile.split('/').at(-1);
    expect(volume.configMap.items).toEqual([{ key: file, path: file }]);
    expect(() => parseTrustedClientsConfig(JSON.parse(configMap['data'][file as string]))).not.toThrow();
  });

  it('points the Service, the PodDisruptionBudget and the autoscaler at the Deployment', () => {
    const deployment = one('Deployment');
    const podLabels = deployment['spec']['template']['metadata']['labels'];
    expect(podLabels).toMatchObject(one('Service')['spec']['selector']);
    expect(podLabels).toMatchObject(one('PodDisruptionBudget')['spec']['selector']['matchLabels']);
    expect(one('HorizontalPodAutoscaler')['spec']['scaleTargetRef']).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment['metadata']['name'],
    });
    expect(one('HorizontalPodAutoscaler')['spec']['minReplicas']).toBeGreaterThan(1);
    expect(one('Service')['spec']['ports'][0]['targetPort']).toBe(
      deployment['spec']['template']['spec']['containers'][0]['ports'][0]['name'],
    );
  });
});
