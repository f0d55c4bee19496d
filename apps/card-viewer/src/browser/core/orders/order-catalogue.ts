import type { Coding } from '../hooks/cds-wire.js';

/** One order the pad offers. */
export interface CatalogueOrder {
  /** Its key in libs/postcoital-bleeding/terminology/src/data/orders.json. */
  key: string;
  /** What the clinician reads (the pad's label, `ServiceRequest.code.text`). */
  text: string;
  /** Sent in this order, each with its code system's own display: standard codes first, a project code only as an extra. */
  codings: readonly Coding[];
}

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const PCB = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';

/**
 * The pad's short list: the PCB work-up, plus the two orders the guideline warns about in pregnancy
 * (endocervical curettage; a digital examination before placenta praevia is excluded). Texts, codes and
 * displays are those of orders.json — what the order hooks recognise draft orders by, and what the cards
 * order — checked by order-catalogue.spec.ts (the page cannot import the guideline's data). Texts in US English:
 * the page is not told the service's jurisdiction.
 */
export const ORDER_CATALOGUE: readonly CatalogueOrder[] = [
  {
    key: 'cervical-cytology',
    text: 'Cervical cytology (Pap test)',
    codings: [{ system: LOINC, code: '47528-5', display: 'Cytology report of Cervical or vaginal smear or scraping Cyto stain' }],
  },
  {
    key: 'hpv-test',
    text: 'High-risk HPV test (cervical)',
    codings: [
      {
        system: LOINC,
        code: '82675-0',
        display: 'Human papilloma virus 16+18+31+33+35+39+45+51+52+56+58+59+66+68 DNA [Presence] in Cervix by NAA with probe detection',
      },
    ],
  },
  {
    key: 'ct-ng-naat',
    text: 'Chlamydia and gonorrhea NAAT (vaginal swab)',
    codings: [
      {
        system: LOINC,
        code: '80362-7',
        display: 'Chlamydia trachomatis+Neisseria gonorrhoeae rRNA [Presence] in Vaginal fluid by NAA with probe detection',
      },
    ],
  },
  {
    key: 'urine-hcg',
    text: 'Urine pregnancy test (hCG)',
    codings: [{ system: LOINC, code: '2106-3', display: 'Choriogonadotropin (pregnancy test) [Presence] in Urine' }],
  },
  {
    key: 'transvaginal-ultrasound',
    text: 'Transvaginal ultrasound (endometrial thickness)',
    codings: [
      { system: SNOMED, code: '429915000', display: 'Transvaginal ultrasonography of pelvis' },
      { system: PCB, code: 'transvaginal-ultrasound', display: 'Transvaginal ultrasound' },
    ],
  },
  {
    key: 'colposcopy',
    text: 'Colposcopy with directed biopsy as indicated',
    codings: [{ system: SNOMED, code: '392003006', display: 'Colposcopy' }],
  },
  {
    key: 'endocervical-curettage',
    text: 'Endocervical curettage (ECC)',
    codings: [{ system: SNOMED, code: '52889002', display: 'Endocervical curettage' }],
  },
  {
    key: 'bimanual-pelvic-examination',
    text: 'Bimanual (digital) pelvic examination',
    codings: [{ system: SNOMED, code: '35025007', display: 'Manual pelvic examination' }],
  },
  {
    key: 'endometrial-biopsy',
    text: 'Endometrial biopsy (office sampling)',
    codings: [
      { system: SNOMED, code: '386802000', display: 'Endometrial biopsy' },
      { system: PCB, code: 'endometrial-biopsy', display: 'Endometrial biopsy' },
    ],
  },
];
