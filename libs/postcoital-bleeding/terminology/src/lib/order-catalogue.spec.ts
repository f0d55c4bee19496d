import orderData from '../data/orders.json';
import type { OrderKind } from './order-catalogue';
import { ORDER_KINDS, orderCode } from './order-catalogue';
import { Terminology } from './terminology';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const PROJECT = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';
const CATEGORY_CODES = ['108252007', '363679005', '387713003', '3457005'];

type Entry = { codings: { code: string; source: { from: string; path?: string } }[]; unverified?: string };
const entry = (kind: OrderKind): Entry => (orderData as unknown as Record<string, Entry>)[kind];

describe('orders an EHR can act on (R2-14, R2-26)', () => {
  it.each<[OrderKind, string, string, string]>([
    ['cbc', LOINC, '58410-2', 'CBC panel - Blood by Automated count'],
    ['abo-rh-group', LOINC, '882-1', 'ABO and Rh group [Type] in Blood'],
    ['antibody-screen', LOINC, '890-4', 'Blood group antibody screen [Presence] in Serum or Plasma'],
    ['inr', LOINC, '6301-6', 'INR in Platelet poor plasma by Coagulation assay'],
    ['obstetric-ultrasound', SNOMED, '268445003', 'Ultrasound scan - obstetric'],
    ['transvaginal-ultrasound', SNOMED, '429915000', 'Transvaginal ultrasonography of pelvis'],
    ['endometrial-biopsy', SNOMED, '386802000', 'Endometrial biopsy'],
    [
      'ct-ng-naat',
      LOINC,
      '80362-7',
      'Chlamydia trachomatis+Neisseria gonorrhoeae rRNA [Presence] in Vaginal fluid by NAA with probe detection',
    ],
    ['colposcopy', SNOMED, '392003006', 'Colposcopy'],
    ['gynecology-referral', SNOMED, '308485000', 'Referral to gynecologist'],
  ])('%s: %s|%s with the code system display', (kind, system, code, display) => {
    expect(orderCode(kind)).toMatchObject({ system, code, display, standardCoded: true });
  });

  it.each<[OrderKind, string, string]>([
    ['cbc', 'Complete blood count (CBC)', 'Full blood count (FBC)'],
    ['gynecology-referral', 'Referral to gynecology', 'Referral to gynaecology'],
    ['ct-ng-naat', 'Chlamydia and gonorrhea NAAT (vaginal swab)', 'Chlamydia and gonorrhoea NAAT (vaginal swab)'],
    ['emergency-referral', 'Emergency department assessment', 'A&E assessment'],
  ])("%s: the text in each jurisdiction's words (R2-13), the same codes", (kind, us, uk) => {
    expect(orderCode(kind, 'US').text).toBe(us);
    expect(orderCode(kind, 'UK').text).toBe(uk);
    expect(orderCode(kind, 'UK').codings).toEqual(orderCode(kind, 'US').codings);
    expect(orderCode(kind).text).toBe(us);
  });

  it('the order text carries the qualifiers, the display never does', () => {
    const tvus = orderCode('transvaginal-ultrasound');
    expect(tvus.text).toBe('Transvaginal ultrasound (endometrial thickness)');
    expect(tvus.codings.map((c) => c.display)).not.toContain(tvus.text);
  });

  it.each(ORDER_KINDS.map((k) => [k]))(
    '%s: standard codes first, the project code only as the last coding, a category, never CPT',
    (kind) => {
      const order = orderCode(kind);
      const project = order.codings.filter((c) => c.system === PROJECT);
      expect(project.length).toBeLessThanOrEqual(1);
      if (order.standardCoded) {
        expect(order.codings[0].system).not.toBe(PROJECT);
        expect(order.codings.slice(0, -1).some((c) => c.system === PROJECT)).toBe(false);
      } else {
        expect(entry(kind).unverified).toEqual(expect.stringContaining('No '));
      }
      expect(order.codings.some((c) => c.system.includes('cpt'))).toBe(false);
      expect(CATEGORY_CODES).toContain(order.categoryCoding.code);
      expect(order.categoryCoding.system).toBe(SNOMED);
    },
  );

  it.each(ORDER_KINDS.map((k) => [k]))('%s: every standard code names the value set or IG file it came from', (kind) => {
    for (const coding of entry(kind).codings.filter((c) => !c.code.startsWith('pcb|'))) {
      expect(Object.keys(orderData._sources)).toContain(coding.source.from);
      expect(coding.source.path).toEqual(expect.any(String));
    }
  });

  it('orders with no verified standard code say so and send the project code alone', () => {
    const unverified = ORDER_KINDS.filter((k) => !orderCode(k).standardCoded);
    expect(unverified).toEqual(expect.arrayContaining(['trichomonas-naat', 'crossmatch', 'kleihauer-fmh', 'anti-xa']));
    expect(orderCode('trichomonas-naat').codings).toEqual([
      { system: PROJECT, code: 'trichomonas-naat', display: 'Trichomonas vaginalis NAAT' },
    ]);
  });
});

describe('draft orders recognised by their codes (order hooks)', () => {
  const t = new Terminology();
  it.each<[string, string, string, OrderKind]>([
    ['revision-1 Rh type (10331-7) → ABO/Rh group', LOINC, '10331-7', 'abo-rh-group'],
    ['ABO/Rh 882-1', LOINC, '882-1', 'abo-rh-group'],
    ['antibody screen 890-4', LOINC, '890-4', 'antibody-screen'],
    ['revision-1 project code of the obstetric ultrasound', PROJECT, 'obstetric-ultrasound', 'obstetric-ultrasound'],
    ['SNOMED obstetric ultrasound', SNOMED, '268445003', 'obstetric-ultrasound'],
    ['SNOMED transvaginal ultrasonography', SNOMED, '429915000', 'transvaginal-ultrasound'],
    ['bimanual examination 35025007', SNOMED, '35025007', 'bimanual-pelvic-examination'],
    ['a Pap test of the VSAC value set (10524-7)', LOINC, '10524-7', 'cervical-cytology'],
  ])('%s', (_name, system, code, kind) => {
    expect(t.orderKindOf([{ system, code }])).toBe(kind);
  });
});
