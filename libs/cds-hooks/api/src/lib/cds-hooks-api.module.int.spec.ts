import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { CdsResponse, CdsService, CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { CDS_SERVICES } from '@pcb-cds/cds-hooks-model';
import { CdsHooksApiModule } from './cds-hooks-api.module';
import type { CdsHooksApiOptions } from './cds-hooks-api.options';
import {
  CDS_HOOKS_RUNTIME_OPTIONS,
  DEFAULT_HOOK_DEADLINE_MS,
  DEFAULT_PREFETCH_TIMEOUT_MS,
  DEFAULT_RATE_LIMIT,
} from './cds-hooks-api.options';
import { configureCdsHooksHttp } from './configure-cds-hooks-http';

const definition = (id: string): CdsServiceDefinition => ({ id, hook: 'patient-view', description: `service ${id}` });
const instance = (id: string): CdsService => ({ definition: definition(id), handle: async (): Promise<CdsResponse> => ({ cards: [] }) });

@Injectable()
class Greeting {
  readonly text = 'hello';
}

@Module({ providers: [Greeting], exports: [Greeting] })
class GreetingModule {}

/** A service class with a dependency from another module, as a guideline service would be. */
@Injectable()
class GreetingService implements CdsService {
  readonly definition = definition('greeting');
  constructor(@Inject(Greeting) private readonly greeting: Greeting) {}

  async handle(): Promise<CdsResponse> {
    return { cards: [{ summary: this.greeting.text, indicator: 'info', source: { label: 'g' } }] };
  }
}

async function compile(module: ReturnType<typeof CdsHooksApiModule.register>) {
  return Test.createTestingModule({ imports: [module] }).compile();
}

describe('CdsHooksApiModule', () => {
  it('register: serves instances and classes (dependencies from `imports`) in registration order', async () => {
    const ref = await compile(
      CdsHooksApiModule.register({ imports: [GreetingModule], services: [instance('a'), GreetingService, instance('b')] }),
    );
    const services = ref.get<CdsService[]>(CDS_SERVICES);
    expect(services.map((s) => s.definition.id)).toEqual(['a', 'greeting', 'b']);
    await expect(services[1].handle({} as never)).resolves.toMatchObject({ cards: [{ summary: 'hello' }] });
    expect(ref.get(CDS_HOOKS_RUNTIME_OPTIONS)).toMatchObject({
      prefetchTimeoutMs: DEFAULT_PREFETCH_TIMEOUT_MS,
      hookDeadlineMs: DEFAULT_HOOK_DEADLINE_MS,
      fhirServers: { restricted: false },
      rateLimit: DEFAULT_RATE_LIMIT,
    });
    await ref.close();
  });

  it('registerAsync: serves providers of another module without instantiating them again', async () => {
    @Module({ imports: [GreetingModule], providers: [GreetingService], exports: [GreetingService] })
    class GuidelineModule {}
    const ref = await Test.createTestingModule({
      imports: [
        CdsHooksApiModule.registerAsync({
          imports: [GuidelineModule],
          inject: [GreetingService],
          useFactory: (service: GreetingService) => [service],
          prefetchTimeoutMs: 1234,
          hookDeadlineMs: 2345,
          fhirServerAllowlist: ['https://ehr.example.org/fhir'],
          rateLimit: false,
        }),
      ],
    }).compile();
    const app = ref.createNestApplication({ bodyParser: false, logger: false });
    configureCdsHooksHttp(app);
    await app.init();
    const res = await request(app.getHttpServer()).get('/cds-services');
    expect(res.body).toEqual({ services: [definition('greeting')] });
    expect(ref.get(CDS_HOOKS_RUNTIME_OPTIONS)).toMatchObject({
      prefetchTimeoutMs: 1234,
      hookDeadlineMs: 2345,
      fhirServers: { restricted: true },
      rateLimit: false,
    });
    await app.close();
  });

  it.each<[string, Partial<CdsHooksApiOptions>, RegExp]>([
    ['a duplicate id', { services: [instance('a'), instance('a')] }, /registered twice/],
    ['an id that is not URL-safe', { services: [instance('a b')] }, /URL-safe/],
    [
      'a definition without description',
      { services: [{ ...instance('a'), definition: { id: 'a', hook: 'patient-view', description: '' } }] },
      /description/,
    ],
    ['a zero prefetch timeout', { services: [instance('a')], prefetchTimeoutMs: 0 }, /prefetchTimeoutMs/],
    ['a negative hook deadline', { services: [instance('a')], hookDeadlineMs: -1 }, /hookDeadlineMs must be a positive/],
    [
      'a prefetch timeout not below the hook deadline',
      { services: [instance('a')], prefetchTimeoutMs: 8000 },
      /prefetchTimeoutMs \(8000\) must be smaller than hookDeadlineMs \(8000\)/,
    ],
    [
      'an allowlist entry with credentials',
      { services: [instance('a')], fhirServerAllowlist: ['https://u:p@ehr.example.org'] },
      /fhirServerAllowlist\[0\]/,
    ],
    ['a rate limit of 0', { services: [instance('a')], rateLimit: { limit: 0, ttlMs: 1000 } }, /rateLimit.limit/],
    ['a rate limit window of 0', { services: [instance('a')], rateLimit: { limit: 5, ttlMs: 0 } }, /rateLimit.ttlMs/],
  ])('refuses to start with %s', async (_name, options, message) => {
    await expect(async () => compile(CdsHooksApiModule.register({ services: [], ...options }))).rejects.toThrow(message);
  });
});

describe('configureCdsHooksHttp', () => {
  it('refuses a body limit it cannot read, rather than refusing every body', async () => {
    const ref = await compile(CdsHooksApiModule.register({ services: [instance('a')] }));
    const app = ref.createNestApplication({ logger: false });
    expect(() => configureCdsHooksHttp(app, { bodyLimit: 'lots' })).toThrow(/bodyLimit "lots" is not a size/);
    await app.close();
  });

  it("replaces Nest's 100 kB JSON parser even in an app created with the default bodyParser", async () => {
    const ref = await compile(CdsHooksApiModule.register({ services: [instance('a')] }));
    const app = ref.createNestApplication({ logger: false }); // bodyParser left on
    configureCdsHooksHttp(app);
    await app.init();
    const body = {
      hook: 'patient-view',
      hookInstance: 'h',
      context: { patientId: '1' },
      extension: { 'org.example.padding': 'x'.repeat(1024 * 1024) },
    };
    const res = await request(app.getHttpServer())
      .post('/cds-services/a')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
    expect(res.status).toBe(200);
    const bad = await request(app.getHttpServer()).post('/cds-services/a').set('Content-Type', 'application/json').send('{');
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    await app.close();
  });
});
