import type { Dated, GuidelineParameters, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { ago, dated } from './fact-lines';
import { isPregnant } from './predicates';
import type { RuleOutput } from './rule';
import { COLPOSCOPY_IN_PREGNANCY, wordsFor } from './words';

// PCB-17's two findings: a suspicious cervix (NG12: urgent suspected cancer referral in the UK) and a
// suspicious vaginal lesion (fact-encoding.md rev 2, SNOMED 289517005), which is assessed by vaginal
// colposcopy and biopsy through gynaecology — never a cervical colposcopy order (R2-9's reasoning).

export function suspiciousCervix(f: PostcoitalBleedingFacts, p: GuidelineParameters, lesion: Dated): RuleOutput {
  const uk = p.jurisdiction === 'UK';
  return {
    urgency: 'urgent',
    summary: uk
      ? `Suspicious cervix on examination ${ago(lesion.date, f.today)}: urgent suspected cancer referral (2-week wait)`
      : `Suspicious cervical lesion on examination ${ago(lesion.date, f.today)}: colposcopy with biopsy`,
    action: uk ? 'urgent suspected cancer referral' : 'colposcopy with biopsy',
    advice: uk
      ? 'Suspicious cervix: urgent suspected cancer referral (2-week wait) to gynaecology (NG12). Do not take a screening sample instead; a previous normal result must not delay referral.'
      : 'Suspicious cervical lesion: urgent colposcopy with biopsy (gynecology); a frank tumor → gynecologic oncology. Do not wait for cytology; a previous negative Pap must not delay referral.',
    cautions: isPregnant(f) ? [COLPOSCOPY_IN_PREGNANCY] : [],
    orders: [
      uk
        ? { kind: 'gynecology-referral', priority: 'urgent', reason: 'urgent suspected cancer referral (2-week wait): suspicious cervix' }
        : { kind: 'colposcopy', priority: 'urgent', reason: 'suspicious cervical lesion on examination' },
    ],
    because: [dated('Examination', 'suspicious lesion of the cervix', lesion.date)],
    variant: uk ? 'UK' : undefined,
  };
}

export function suspiciousVaginalLesion(f: PostcoitalBleedingFacts, p: GuidelineParameters, lesion: Dated): RuleOutput {
  const uk = p.jurisdiction === 'UK';
  const w = wordsFor(p);
  return {
    urgency: 'urgent',
    summary: uk
      ? `Suspicious vaginal lesion on examination ${ago(lesion.date, f.today)}: urgent gynaecology assessment; consider 2-week wait`
      : `Suspicious vaginal lesion on examination ${ago(lesion.date, f.today)}: urgent gynecology, vaginal colposcopy + biopsy`,
    action: `urgent ${w.gynaecology} assessment`,
    advice: uk
      ? 'Suspicious vaginal lesion: urgent gynaecology assessment with vaginal colposcopy and biopsy; consider an urgent suspected cancer referral (2-week wait) for a mass in or at the entrance to the vagina (NG12). A previous normal cervical screening result must not delay referral.'
      : 'Suspicious vaginal lesion: urgent gynecology assessment with vaginal colposcopy and biopsy (VAIN or vaginal cancer); a frank tumor → gynecologic oncology. A previous negative Pap must not delay referral.',
    orders: [
      {
        kind: 'gynecology-referral',
        priority: 'urgent',
        reason: 'suspicious vaginal lesion on examination: vaginal colposcopy and biopsy',
      },
    ],
    because: [dated('Examination', 'suspicious vaginal lesion', lesion.date)],
    variant: uk ? 'UK' : undefined,
  };
}
