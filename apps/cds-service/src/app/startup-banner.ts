import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';

/** What `npm start` prints: where things are, who the demo patients are, and a request to paste. */
export function startupBanner(
  serviceUrl: string,
  fhirBaseUrl: string,
  embedded: boolean,
  service: PostcoitalBleedingCdsService,
  today: Date,
  auth: 'on' | 'off',
): string {
  const example = DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-overdue-pap') ?? DEMO_PATIENTS[0];
  const body = JSON.stringify({
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    fhirServer: fhirBaseUrl,
    context: { userId: 'Practitioner/example', patientId: example.id },
  });
  return [
    '',
    'pcb-cds: CDS Hooks 2.0 service for postcoital bleeding',
    `  Discovery:      ${serviceUrl}/cds-services`,
    `  Service:        ${serviceUrl}/cds-services/${PCB_SERVICE_ID}  (hook patient-view; pcb-order-select, pcb-order-sign)`,
    `  Card viewer:    ${serviceUrl}/viewer/  (open it in a browser: an EHR-like view of the cards)`,
    `  FHIR R4 server: ${fhirBaseUrl}${embedded ? '  (embedded sandbox, synthetic demo data, not persisted)' : ''}`,
    `  Client auth:    ${auth === 'on' ? 'on (CDS Hooks JWT required)' : 'OFF (demo only; set FHIR_BASE_URL or CDS_AUTH=on for production)'}`,
    '',
    ...(embedded
      ? [
          'Demo patients (id: story → rules that fire):',
          ...DEMO_PATIENTS.map((p) => {
            const rules = service.firedRules({ bundle: p.bundle(today) }, p.id);
            return `  ${p.id.padEnd(38)} ${p.story}\n  ${''.padEnd(38)} → ${rules.length ? rules.join(', ') : 'no cards (gate closed)'}`;
          }),
          '',
        ]
      : []),
    'Try it:',
    `  curl ${serviceUrl}/cds-services`,
    `  curl -X POST ${serviceUrl}/cds-services/${PCB_SERVICE_ID} -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
    '',
  ].join('\n');
}
