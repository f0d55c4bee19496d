import type { Bundle, FhirResource } from 'fhir/r4';
import { allDemoBundles } from '../index';
import { DEMO_PATIENTS } from './demo-patients';
import { KNOWN_CODINGS } from './encoding-codes';
import { PUBLISHED_VIGNETTES } from './published-vignettes';

/** Structural checks on every demo patient and every vignette bundle. */

const TODAY = new Date('2026-11-15T14:30:00Z');
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE_TIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const EDD_LOINC = '11778-8';

interface Named {
  readonly label: string;
  readonly patientId: string;
  readonly bundle: (today?: Date) => Bundle<FhirResource>;
}

const ALL: readonly Named[] = [
  ...DEMO_PATIENTS.map((p) => ({
    label: `demo ${p.id}`,
    patientId: p.id,
    bundle: p.bundle,
  })),
  ...PUBLISHED_VIGNETTES.map((v) => ({
    label: `vignette ${v.id}`,
    patientId: v.patientId,
    bundle: v.bundle,
  })),
];

/** Walk any JSON value, calling `visit(key, value, parent)` for every property. */
function walk(value: unknown, visit: (key: string, v: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v) => walk(v, visit));
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      visit(k, v, record);
      walk(v, visit);
    }
  }
}

function resources(bundle: Bundle<FhirResource>): FhirResource[] {
  return (bundle.entry ?? []).map((e) => e.resource as FhirResource);
}

/** Date-valued elements a fact can carry (fact-encoding.md "Dates" plus birthDate, period, authored, dateAsserted). */
const DATE_KEYS = new Set([
  'birthDate',
  'effectiveDateTime',
  'performedDateTime',
  'onsetDateTime',
  'recordedDate',
  'authoredOn',
  'authored',
  'dateAsserted',
  'start',
  'end',
  'valueDateTime',
]);

describe.each(ALL.map((n) => [n.label, n] as const))('%s', (_label, named) => {
  const bundle = named.bundle(TODAY);
  const entries = bundle.entry ?? [];

  it('is a transaction Bundle whose first entry is its Patient', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('transaction');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      id: named.patientId,
    });
    expect(entries.filter((e) => e.resource?.resourceType === 'Patient')).toHaveLength(1);
  });

  it('PUTs every entry to <resourceType>/<id>, with fullUrl the same relative reference', () => {
    for (const e of entries) {
      const url = `${e.resource?.resourceType}/${e.resource?.id}`;
      expect(e.request).toEqual({ method: 'PUT', url });
      expect(e.fullUrl).toBe(url);
    }
  });

  it('uses valid, non-numeric FHIR ids derived from the patient id', () => {
    for (const r of resources(bundle)) {
      expect(r.id).toMatch(FHIR_ID);
      expect(r.id).not.toMatch(/^[0-9]+$/);
      expect(r.id?.startsWith(named.patientId)).toBe(true);
    }
  });

  it('points every Patient reference at its own Patient, and every fact has one', () => {
    const patientRefs: string[] = [];
    walk(bundle, (_k, v) => {
      if (v !== null && typeof v === 'object' && typeof (v as { reference?: unknown }).reference === 'string') {
        const ref = (v as { reference: string }).reference;
        if (ref.startsWith('Patient/')) {
          patientRefs.push(ref);
        }
      }
    });
    expect(new Set(patientRefs)).toEqual(new Set(entries.length > 1 ? [`Patient/${named.patientId}`] : []));
    for (const r of resources(bundle).slice(1)) {
      const subject = (
        r as {
          subject?: { reference?: string };
          patient?: { reference?: string };
        }
      ).subject;
      const patient = (r as { patient?: { reference?: string } }).patient;
      expect(subject?.reference ?? patient?.reference).toBe(`Patient/${named.patientId}`);
    }
  });

  it('gives every coding both a system and a code, and uses only codes listed in encoding-codes.ts', () => {
    const unknown: string[] = [];
    walk(bundle, (k, v) => {
      if (k === 'coding') {
        for (const c of v as { system?: string; code?: string }[]) {
          expect(typeof c.system).toBe('string');
          expect(typeof c.code).toBe('string');
          if (!KNOWN_CODINGS.has(`${c.system}|${c.code}`)) {
            unknown.push(`${c.system}|${c.code}`);
          }
        }
      }
    });
    expect(unknown).toEqual([]);
  });

  it('writes datetimes as UTC Z, birthDate as YYYY-MM-DD, and nothing after today (except the EDD value)', () => {
    const problems: string[] = [];
    walk(bundle, (k, v, parent) => {
      if (!DATE_KEYS.has(k) || typeof v !== 'string') {
        return;
      }
      if (k === 'birthDate') {
        expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } else {
        expect(v).toMatch(DATE_TIME_Z);
      }
      const isEddValue =
        k === 'valueDateTime' && (parent['code'] as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code === EDD_LOINC;
      if (!isEddValue && new Date(v.length === 10 ? `${v}T00:00:00Z` : v).getTime() > TODAY.getTime()) {
        problems.push(`${k}=${v}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('writes Observations final, Conditions with clinical + verification status, MedicationRequests active orders', () => {
    for (const r of resources(bundle)) {
      if (r.resourceType === 'Observation') {
        expect(r.status).toBe('final');
      } else if (r.resourceType === 'Condition') {
        expect(r.clinicalStatus?.coding?.[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/condition-clinical');
        expect(r.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
      } else if (r.resourceType === 'MedicationRequest') {
        expect([r.status, r.intent]).toEqual(['active', 'order']);
        expect(r.medicationCodeableConcept?.coding?.[0]?.system).toBe('http://www.nlm.nih.gov/research/umls/rxnorm');
      }
    }
  });

  it('builds identical JSON for the same today, and moves with today', () => {
    expect(JSON.stringify(named.bundle(TODAY))).toBe(JSON.stringify(bundle));
    expect(JSON.stringify(named.bundle(new Date('2026-11-15T23:59:59Z')))).toBe(JSON.stringify(bundle));
    expect(JSON.stringify(named.bundle(new Date('2026-11-16T00:00:00Z')))).not.toBe(JSON.stringify(bundle));
  });
});

describe('all bundles together', () => {
  it('use ids that are unique across every demo patient and vignette (one server can hold them all)', () => {
    const keys = ALL.flatMap((n) => resources(n.bundle(TODAY)).map((r) => `${r.resourceType}/${r.id}`));
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(duplicates).toEqual([]);
    const patientIds = ALL.map((n) => n.patientId);
    expect(new Set(patientIds).size).toBe(patientIds.length);
  });

  it('allDemoBundles returns the demo bundles, then the vignettes unless excluded', () => {
    const all = allDemoBundles(TODAY);
    expect(all).toHaveLength(DEMO_PATIENTS.length + PUBLISHED_VIGNETTES.length);
    expect(all.map((b) => b.entry?.[0]?.resource?.id)).toEqual(ALL.map((n) => n.patientId));
    const demosOnly = allDemoBundles(TODAY, { includeVignettes: false });
    expect(demosOnly.map((b) => b.entry?.[0]?.resource?.id)).toEqual(DEMO_PATIENTS.map((p) => p.id));
    expect(JSON.stringify(allDemoBundles(TODAY))).toBe(JSON.stringify(all));
  });
});
