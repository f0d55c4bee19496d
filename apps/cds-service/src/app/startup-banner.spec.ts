import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGuidelineConfiguration, PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { StartupBannerFacts } from './startup-banner';
import { startupBanner } from './startup-banner';

const URL = 'http://localhost:3000';
const service = new PostcoitalBleedingCdsService({ ...buildGuidelineConfiguration({}), clock: () => new Date() });
const facts = (over: Partial<StartupBannerFacts>): StartupBannerFacts => ({
  serviceUrl: URL,
  fhirBaseUrl: 'http://fhir.example/fhir',
  embedded: false,
  service,
  today: new Date(),
  auth: 'on',
  viewer: { mode: 'off', tokenRequired: false },
  ...over,
});
/** Every URL a printed `curl` calls. */
const curledUrls = (banner: string): string[] => [...banner.matchAll(/curl (?:-X POST )?(\S+)/g)].map((m) => m[1]);

describe('startupBanner', () => {
  describe('with client authentication on', () => {
    const banner = startupBanner(facts({ auth: 'on' }));

    it('prints no curl to /cds-services (it would get 401 without a client JWT)', () => {
      expect(curledUrls(banner).filter((url) => url.includes('/cds-services'))).toEqual([]);
    });

    it('says how to get a token, pointing at a README section that exists', () => {
      expect(banner).toContain('Authorization: Bearer <JWT>');
      expect(banner).toContain('CDS_TRUSTED_CLIENTS_FILE');
      expect(banner).toContain('README "Register an EHR as a trusted client"');
      const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
      for (const [, section] of banner.matchAll(/README "([^"]+)"/g)) {
        expect(readme).toMatch(new RegExp(`^#{2,3} ${section}$`, 'm'));
      }
    });

    it('curls only the health endpoint, which needs no token', () => {
      expect(curledUrls(banner)).toEqual([`${URL}/health`]);
    });

    it('says the viewer is off and how to turn it on', () => {
      expect(banner).toMatch(/Card viewer: +off \(client authentication is on; CARD_VIEWER=on with CARD_VIEWER_TOKEN/);
      expect(banner).not.toContain(`${URL}/viewer/`);
    });

    it('says the viewer asks for its token when it is on', () => {
      expect(startupBanner(facts({ auth: 'on', viewer: { mode: 'on', tokenRequired: true } }))).toMatch(
        /Card viewer: +http:\/\/localhost:3000\/viewer\/ .*asks for the access token CARD_VIEWER_TOKEN/,
      );
    });
  });

  describe('with client authentication off (the zero-setup demo)', () => {
    const banner = startupBanner(facts({ auth: 'off', viewer: { mode: 'on', tokenRequired: false } }));

    it('prints the discovery and hook curls to paste', () => {
      expect(curledUrls(banner)).toEqual([`${URL}/cds-services`, `${URL}/cds-services/pcb-evaluation`]);
      expect(banner).toContain('"fhirServer":"http://fhir.example/fhir"');
    });

    it('shows the viewer without a token', () => {
      expect(banner).toMatch(/Card viewer: +http:\/\/localhost:3000\/viewer\/ +\(open it in a browser: an EHR-like view of the cards\)/);
    });

    it('lists a UK demo patient on a US server with how to see her UK cards, and a US one without', () => {
      const listing = startupBanner(facts({ auth: 'off', embedded: true }));
      const lineAfter = (id: string): string => listing.split('\n')[listing.split('\n').findIndex((l) => l.includes(id)) + 1];
      expect(lineAfter('pcb-demo-uk-hiv')).toContain('(as US; PCB_JURISDICTION=UK for her UK cards)');
      expect(lineAfter('pcb-demo-pregnant-30w')).not.toContain('PCB_JURISDICTION');
    });

    it('says the viewer is off when CARD_VIEWER=off', () => {
      expect(startupBanner(facts({ auth: 'off', viewer: { mode: 'off', tokenRequired: false } }))).toMatch(
        /Card viewer: +off \(CARD_VIEWER=off\)/,
      );
    });
  });
});
