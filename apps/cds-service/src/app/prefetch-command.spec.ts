import type { Bundle, Patient } from 'fhir/r4';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { ConfigError, loadConfig } from './app-config';
import { startSandboxWith } from './embedded-sandbox';
import { prefetchCommand } from './prefetch-command';

const PATIENT = 'pcb-demo-pregnant-30w';

describe('main.js prefetch', () => {
  let sandbox: FhirSandbox;
  const config = loadConfig({});
  const run = async (argv: string[]): Promise<Record<string, Record<string, unknown>>> => {
    let printed = '';
    await prefetchCommand(config, argv, (text) => (printed += text));
    return JSON.parse(printed) as Record<string, Record<string, unknown>>;
  };

  beforeAll(async () => {
    const demo = DEMO_PATIENTS.find((p) => p.id === PATIENT);
    sandbox = await startSandboxWith(0, demo ? [demo.bundle(new Date())] : []);
  }, 60_000);
  afterAll(() => sandbox?.close());

  it("prints, per patient, every key of pcb-evaluation's templates fetched from the FHIR server", async () => {
    const printed = await run([sandbox.baseUrl, PATIENT, 'nobody-here']);
    const prefetch = printed[PATIENT];
    expect((prefetch['patient'] as Patient).id).toBe(PATIENT);
    expect((prefetch['conditions'] as Bundle).entry?.length).toBeGreaterThan(0);
    // No encounter in this context: the service would not fetch it either.
    expect(prefetch['encounter']).toBeNull();
    expect(printed['nobody-here']['patient']).toBeNull();
    expect(Object.keys(printed['nobody-here']).sort()).toEqual(Object.keys(prefetch).sort());
  });

  it('takes the templates given (a running service discovery prefetch) instead', async () => {
    const printed = await run(['--templates', JSON.stringify({ me: 'Patient/{{context.patientId}}' }), sandbox.baseUrl, PATIENT]);
    expect(Object.keys(printed[PATIENT])).toEqual(['me']);
  });

  it.each([[[]], [['not-a-url', PATIENT]], [['http://127.0.0.1:1/fhir']], [['--templates', '[1]', 'http://127.0.0.1:1/fhir', PATIENT]]])(
    'refuses %j, saying how to call it',
    async (argv) => {
      await expect(run(argv)).rejects.toBeInstanceOf(ConfigError);
    },
  );
});
