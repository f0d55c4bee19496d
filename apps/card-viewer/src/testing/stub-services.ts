import type { Card, CdsService, FhirResourceJson, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';

/** Every hook request a stub service received, for the test to inspect. */
export type ReceivedHooks = ResolvedHookRequest[];

const PWN = 'window.__pwned = true';

/**
 * A patient-view service whose card holds every kind of hostile text a compromised or buggy service could send:
 * raw HTML, script, javascript: links, HTML in labels and reasons. The page must show it all as text.
 */
export function hostileCardService(): CdsService {
  return {
    definition: { id: 'stub-patient-view', hook: 'patient-view', description: 'hostile card text' },
    handle: async (request) => ({
      cards: [
        {
          summary: `<img src=x onerror="${PWN}">Summary with HTML`,
          indicator: 'warning',
          detail: [
            `**Bold** then <img src=x onerror="${PWN}"> and <script>${PWN}</script>`,
            '',
            `[click me](javascript:window.__pwned=true) and [safe link](https://example.org/safe) and <a href="javascript:${PWN}">raw anchor</a>`,
            '',
            '- item with <b>tags</b> &lt;escaped&gt;',
            '- [data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD10cnVlPC9zY3JpcHQ+)',
          ].join('\n'),
          source: { label: `<i onmouseover="${PWN}">source label</i>`, url: `javascript:${PWN}` },
          links: [{ label: '<u>evil link</u>', url: `javascript:${PWN}`, type: 'absolute' }],
          overrideReasons: [{ system: 'http://example.org/reasons', code: 'x', display: `<img src=x onerror="${PWN}">reason` }],
          suggestions: [
            {
              label: '<b>Order</b> stub test',
              uuid: 'hostile-suggestion',
              actions: [
                {
                  type: 'create',
                  description: 'stub',
                  resource: {
                    resourceType: 'ServiceRequest',
                    status: 'draft',
                    intent: 'proposal',
                    subject: { reference: `Patient/${request.context.patientId}` },
                    code: { text: '<b>stub order</b>' },
                  },
                },
              ],
            },
          ],
        },
      ],
    }),
  };
}

const SNOMED = 'http://snomed.info/sct';
const ECC = '52889002';
const COLPOSCOPY = { system: SNOMED, code: '392003006', display: 'Colposcopy' };
const COLPOSCOPY_TEXT = 'Colposcopy with directed biopsy as indicated';

function drafts(request: ResolvedHookRequest): FhirResourceJson[] {
  const bundle = request.context.draftOrders as { entry?: { resource?: FhirResourceJson }[] } | undefined;
  return (bundle?.entry ?? []).map((e) => e.resource).filter((r): r is FhirResourceJson => r !== undefined);
}

function hasCode(resource: FhirResourceJson, code: string): boolean {
  return ((resource['code'] as { coding?: { code?: string }[] } | undefined)?.coding ?? []).some((c) => c.code === code);
}

/**
 * order-select and order-sign stand-ins that answer the way the issue describes (an unsafe draft → a warning
 * with the replacement as one delete + create suggestion), to drive the pad's mechanics whatever the real
 * services decide.
 */
export function stubOrderServices(received: { select: ReceivedHooks; sign: ReceivedHooks }): CdsService[] {
  const select: CdsService = {
    definition: { id: 'stub-order-select', hook: 'order-select', description: 'stub' },
    handle: async (request) => {
      received.select.push(request);
      const ecc = drafts(request).find((d) => hasCode(d, ECC));
      const cards: Card[] = !ecc
        ? []
        : [
            {
              summary: 'Stub: endocervical curettage is not advised in pregnancy',
              indicator: 'warning',
              source: { label: 'stub order-select' },
              overrideReasons: [{ system: 'http://example.org/reasons', code: 'clinician-judgement', display: 'Clinician judgement' }],
              suggestions: [
                {
                  label: 'Replace with colposcopy',
                  uuid: 'replace-ecc',
                  actions: [
                    { type: 'delete', description: 'Remove the ECC draft', resourceId: `ServiceRequest/${ecc.id}` },
                    {
                      type: 'create',
                      description: 'Colposcopy instead',
                      resource: {
                        resourceType: 'ServiceRequest',
                        status: 'draft',
                        intent: 'order',
                        code: { coding: [COLPOSCOPY], text: COLPOSCOPY_TEXT },
                        subject: ecc['subject'],
                      },
                    },
                  ],
                },
              ],
            },
          ];
      return { cards };
    },
  };
  const sign: CdsService = {
    definition: { id: 'stub-order-sign', hook: 'order-sign', description: 'stub' },
    handle: async (request) => {
      received.sign.push(request);
      return {
        cards: [
          {
            summary: `Stub: ${drafts(request).length} order(s) about to be signed`,
            indicator: 'info',
            source: { label: 'stub order-sign' },
          },
        ],
      };
    },
  };
  return [select, sign];
}

/** A patient-view service that always fails (the protocol layer answers 500 with an OperationOutcome). */
export function failingService(): CdsService {
  return {
    definition: { id: 'stub-failing', hook: 'patient-view', description: 'always fails' },
    handle: async () => {
      throw new Error('stub failure');
    },
  };
}
