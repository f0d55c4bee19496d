import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';

export interface StartupBannerFacts {
  serviceUrl: string;
  fhirBaseUrl: string;
  embedded: boolean;
  service: PostcoitalBleedingCdsService;
  today: Date;
  auth: 'on' | 'off';
  /** Whether /viewer/ is served, and whether it asks for CARD_VIEWER_TOKEN. */
  viewer: { mode: 'on' | 'off'; tokenRequired: boolean };
}

/**
 * What `npm start` prints: where things are, who the demo patients are, and something to paste that works. With
 * authentication on, a bare `curl` to the service would only get 401: the banner says how to get a token instead.
 */
export function startupBanner(facts: StartupBannerFacts): string {
  const { serviceUrl, fhirBaseUrl, embedded, service, today, auth } = facts;
  return [
    '',
    'pcb-cds: CDS Hooks 2.0 service for postcoital bleeding',
    `  Discovery:      ${serviceUrl}/cds-services`,
    `  Service:        ${serviceUrl}/cds-services/${PCB_SERVICE_ID}  (hook patient-view; pcb-order-select, pcb-order-sign)`,
    `  Card viewer:    ${viewerLine(serviceUrl, facts.viewer, auth)}`,
    `  FHIR R4 server: ${fhirBaseUrl}${embedded ? '  (embedded sandbox, synthetic demo data, not persisted)' : ''}`,
    `  Client auth:    ${auth === 'on' ? 'on (CDS Hooks JWT required)' : 'OFF (demo only; set FHIR_BASE_URL or CDS_AUTH=on for production)'}`,
    '',
    ...(embedded
      ? [
          'Demo patients (id: story → rules that fire):',
          ...DEMO_PATIENTS.map((p) => {
            const rules = service.firedRules({ bundle: p.bundle(today) }, p.id);
            // A patient written for the other jurisdiction is listed with what this server says, and how to see hers.
            const elsewhere =
              p.jurisdiction !== service.jurisdiction
                ? `  (as ${service.jurisdiction}; PCB_JURISDICTION=${p.jurisdiction} for her ${p.jurisdiction} cards)`
                : '';
            return `  ${p.id.padEnd(38)} ${p.story}\n  ${''.padEnd(38)} → ${rules.length ? rules.join(', ') : 'no cards (gate closed)'}${elsewhere}`;
          }),
          '',
        ]
      : []),
    ...(auth === 'on' ? howToCallWithAuth(serviceUrl) : tryItWithoutAuth(serviceUrl, fhirBaseUrl)),
    '',
  ].join('\n');
}

function viewerLine(serviceUrl: string, viewer: StartupBannerFacts['viewer'], auth: 'on' | 'off'): string {
  if (viewer.mode === 'off') {
    return auth === 'on'
      ? 'off (client authentication is on; CARD_VIEWER=on with CARD_VIEWER_TOKEN turns it on: README "The card viewer")'
      : 'off (CARD_VIEWER=off)';
  }
  const token = viewer.tokenRequired ? '; it asks for the access token CARD_VIEWER_TOKEN' : '';
  return `${serviceUrl}/viewer/  (open it in a browser: an EHR-like view of the cards${token})`;
}

function howToCallWithAuth(serviceUrl: string): string[] {
  return [
    'Calling it (client authentication is on):',
    '  Every /cds-services call needs Authorization: Bearer <JWT>, signed by a client registered in',
    '  CDS_TRUSTED_CLIENTS_FILE, with aud = the URL called: README "Register an EHR as a trusted client".',
    `  Without a token, only the operational endpoints answer:  curl ${serviceUrl}/health`,
  ];
}

function tryItWithoutAuth(serviceUrl: string, fhirBaseUrl: string): string[] {
  const example = DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-overdue-pap') ?? DEMO_PATIENTS[0];
  const body = JSON.stringify({
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    fhirServer: fhirBaseUrl,
    context: { userId: 'Practitioner/example', patientId: example.id },
  });
  return [
    'Try it:',
    `  curl ${serviceUrl}/cds-services`,
    `  curl -X POST ${serviceUrl}/cds-services/${PCB_SERVICE_ID} -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
  ];
}
