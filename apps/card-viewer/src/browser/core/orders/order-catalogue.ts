import type { Coding } from '../hooks/cds-wire.js';

/** One order the pad offers. */
export interface CatalogueOrder {
  /** Its key in libs/postcoital-bleeding/terminology/src/data/orders.json. */
  key: string;
  display: string;
  coding: Coding;
}

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const PCB = 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts';

/**
 * The pad's short list: the PCB work-up, plus the two orders the guideline warns about in pregnancy
 * (endocervical curettage; a digital examination before placenta praevia is excluded). Codes and displays are
 * those of orders.json — the codes the order hooks recognise draft orders by — checked by order-catalogue.spec.ts.
 */
export const ORDER_CATALOGUE: readonly CatalogueOrder[] = [
  { key: 'cervical-cytology', display: 'Cervical cytology (Pap test)', coding: { system: LOINC, code: '47528-5' } },
  { key: 'hpv-test', display: 'High-risk HPV test (cervical)', coding: { system: LOINC, code: '82675-0' } },
  { key: 'ct-ng-naat', display: 'Chlamydia trachomatis + Neisseria gonorrhoeae NAAT (vaginal swab)', coding: { system: LOINC, code: '80362-7' } },
  { key: 'urine-hcg', display: 'Urine hCG (pregnancy test)', coding: { system: LOINC, code: '2106-3' } },
  { key: 'transvaginal-ultrasound', display: 'Transvaginal ultrasound (endometrial thickness)', coding: { system: PCB, code: 'transvaginal-ultrasound' } },
  { key: 'colposcopy', display: 'Colposcopy with directed cervical biopsy as indicated', coding: { system: SNOMED, code: '392003006' } },
  { key: 'endocervical-curettage', display: 'Endocervical curettage (ECC)', coding: { system: SNOMED, code: '52889002' } },
  { key: 'bimanual-pelvic-examination', display: 'Manual (bimanual, digital) pelvic examination', coding: { system: SNOMED, code: '35025007' } },
  { key: 'endometrial-biopsy', display: 'Endometrial biopsy', coding: { system: PCB, code: 'endometrial-biopsy' } },
].map((o) => ({ ...o, coding: { ...o.coding, display: o.display } }));
