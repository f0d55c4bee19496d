import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';

// R2-13: the words and spelling of each jurisdiction. A rule writes `w.ed`, never "ED", so a UK
// card never reads as a US card with a UK sentence.

export interface Words {
  uk: boolean;
  ed: string;
  cbc: string;
  groupAndScreen: string;
  labourWard: string;
  cervicalTest: string;
  gynaecologist: string;
  gynaecology: string;
  haemorrhage: string;
  antiD: string;
  call: string;
  oncology: string;
  anaemic: string;
  gonorrhoea: string;
  praevia: string;
  tumour: string;
  haemodynamic: string;
  oestrogen: string;
}

const US: Words = {
  uk: false,
  ed: 'emergency department',
  cbc: 'CBC',
  groupAndScreen: 'type and screen',
  labourWard: 'labor and delivery (L&D)',
  cervicalTest: 'Pap test',
  gynaecologist: 'gynecologist',
  gynaecology: 'gynecology',
  haemorrhage: 'hemorrhage',
  antiD: 'anti-D immune globulin (RhIG)',
  call: 'call 911',
  oncology: 'gynecologic oncology',
  anaemic: 'anemic',
  gonorrhoea: 'gonorrhea',
  praevia: 'previa',
  tumour: 'tumor',
  haemodynamic: 'hemodynamic',
  oestrogen: 'estrogen',
};

const UK: Words = {
  uk: true,
  ed: 'A&E',
  cbc: 'FBC',
  groupAndScreen: 'group and save',
  labourWard: 'labour ward / maternity triage',
  cervicalTest: 'cervical screening (smear)',
  gynaecologist: 'gynaecologist',
  gynaecology: 'gynaecology',
  haemorrhage: 'haemorrhage',
  antiD: 'anti-D immunoglobulin',
  call: 'call 999',
  oncology: 'urgent suspected cancer referral (2-week wait)',
  anaemic: 'anaemic',
  gonorrhoea: 'gonorrhoea',
  praevia: 'praevia',
  tumour: 'tumour',
  haemodynamic: 'haemodynamic',
  oestrogen: 'oestrogen',
};

export const wordsFor = (p: GuidelineParameters): Words => (p.jurisdiction === 'UK' ? UK : US);

/** The US or the UK text. */
export const byJurisdiction = <T>(p: GuidelineParameters, us: T, uk: T): T => (p.jurisdiction === 'UK' ? uk : us);

/** The colposcopy card's caution in pregnancy, stated once however many colposcopy rules fire (R2-15). */
export const COLPOSCOPY_IN_PREGNANCY = 'Pregnant: colposcopy is still indicated; no endocervical curettage and no endometrial sampling.';
