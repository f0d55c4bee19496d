import type { RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import type { SourceKey } from './guideline-sources';

/**
 * What each rule's card says, reviewable by a clinician without reading code (pcb-guideline.md §2).
 * `summary` is used when the rule has a card of its own; `action` when routine work-up items share one.
 * `sources` are §7 keys, primary source first; `seeds` name the source articles the rule rests on.
 */
export interface RuleWording {
  title: string;
  summary: string;
  action: string;
  sources: SourceKey[];
  seeds?: string[];
}

export const RULE_WORDING: Record<RuleId, RuleWording> = {
  'PCB-01': { title: 'Pregnancy record conflicts', summary: 'Pregnancy ended after positive evidence: confirm pregnancy status', action: 'confirm pregnancy status', sources: ['S15'] },
  'PCB-02': { title: 'Menopausal status unknown', summary: 'Record LMP and menopausal status: an endometrial source is not excluded', action: 'record LMP/menopausal status', sources: ['S25', 'S9'] },
  'PCB-03': { title: 'No cervical screening on record', summary: 'No cervical screening result on record: obtain outside records', action: 'find last Pap', sources: ['S1'], seeds: ['000'] },
  'PCB-04': { title: 'Hysterectomy type unclear', summary: 'Confirm whether the cervix was removed at hysterectomy', action: 'confirm cervix status', sources: ['T1'] },
  'PCB-10': { title: 'History and speculum + bimanual examination', summary: 'Focused history and speculum + bimanual examination', action: 'history + speculum exam', sources: ['S5', 'S6', 'S21', 'S23'], seeds: ['000', '003'] },
  'PCB-11': { title: 'Cervical screening not current', summary: 'Cervical screening not current: collect cytology ± hrHPV', action: 'cervical cytology ± HPV', sources: ['S1', 'S5', 'S4', 'S6', 'S8', 'S24'], seeds: ['000', '003'] },
  'PCB-12': { title: 'Under screening age: no cytology', summary: 'Under screening age: no cytology, but examine and test', action: 'no Pap under screening age', sources: ['S6', 'S1', 'S22', 'S23'] },
  'PCB-13': { title: 'Chlamydia and gonorrhoea NAAT', summary: 'Test for chlamydia and gonorrhoea (NAAT)', action: 'CT/NG NAAT', sources: ['S13', 'S14', 'S23'], seeds: ['000', '003'] },
  'PCB-14': { title: 'Pregnancy test', summary: 'Pregnancy test: status unknown', action: 'hCG', sources: ['S15', 'S22', 'S23'], seeds: ['001', '004'] },
  'PCB-15': { title: 'Persistent postcoital bleeding', summary: 'Persistent postcoital bleeding: refer for colposcopy ± biopsy', action: 'colposcopy referral', sources: ['S18', 'S19', 'S21', 'S23'], seeds: ['000', '003'] },
  'PCB-16': { title: 'Abnormal result awaiting colposcopy', summary: 'Abnormal cervical result with no colposcopy since: refer for colposcopy', action: 'colposcopy', sources: ['S4', 'S6', 'S7', 'S24'] },
  'PCB-17': { title: 'Suspicious cervical lesion', summary: 'Suspicious cervical lesion: colposcopy with biopsy, do not wait for cytology', action: 'colposcopy + biopsy', sources: ['S20', 'S23', 'S6', 'S5'], seeds: ['000'] },
  'PCB-18': { title: 'Benign cervical finding', summary: 'Benign cervical finding (polyp/ectropion): manage and review if PCB persists', action: 'manage polyp/ectropion', sources: ['S21', 'S23'], seeds: ['000'] },
  'PCB-20': { title: 'Postmenopausal bleeding', summary: 'Postmenopausal bleeding: transvaginal ultrasound or endometrial biopsy', action: 'TVUS or endometrial biopsy', sources: ['S9', 'S20', 'S23'], seeds: ['000', '002'] },
  'PCB-21': { title: 'Endometrial sampling', summary: 'Endometrial sampling: thickened endometrium or persistent bleeding', action: 'endometrial sampling', sources: ['S9'] },
  'PCB-22': { title: 'On systemic HRT', summary: 'HRT does not explain the bleeding: evaluate as postmenopausal bleeding', action: 'review HRT regimen', sources: ['S25', 'S9'] },
  'PCB-23': { title: 'Postmenopausal bleeding on tamoxifen', summary: 'Bleeding on tamoxifen after menopause: endometrial sampling, inform oncology', action: 'endometrial sampling', sources: ['S10'] },
  'PCB-24': { title: 'Tamoxifen before the menopause', summary: 'Premenopausal on tamoxifen: standard work-up, no extra endometrial surveillance', action: 'standard work-up', sources: ['S10'] },
  'PCB-25': { title: 'Irregular bleeding at 45 or older', summary: 'Intermenstrual bleeding at ≥45: consider endometrial sampling ± ultrasound', action: 'endometrial sampling', sources: ['S11', 'S23'], seeds: ['000'] },
  'PCB-30': { title: 'Bleeding in early pregnancy', summary: 'Bleeding in pregnancy <20 weeks: same/next-day prenatal assessment', action: 'prenatal assessment', sources: ['S15', 'S26'], seeds: ['001', '004'] },
  'PCB-31': { title: 'Early pregnancy emergency', summary: 'Pregnant with pain, heavy bleeding or instability: same-day emergency care', action: 'emergency care', sources: ['S15', 'S26'], seeds: ['002', '003', '004'] },
  'PCB-32': { title: 'Bleeding at 20 weeks or more', summary: 'Bleeding at ≥20 weeks: same-day L&D triage, no digital exam before ultrasound', action: 'L&D triage', sources: ['S16', 'S27'], seeds: ['004'] },
  'PCB-33': { title: 'Rh status in pregnancy', summary: 'Check Rh status: anti-D immune globulin if RhD-negative', action: 'Rh status/anti-D', sources: ['S17', 'S26'] },
  'PCB-40': { title: 'After total hysterectomy', summary: 'No cervix: examine the vaginal vault, no routine cervical screening', action: 'vault examination', sources: ['S1', 'S6', 'S20', 'S23'] },
  'PCB-41': { title: 'After subtotal hysterectomy', summary: 'Cervix retained: cervical rules apply, endometrial and hCG rules do not', action: 'cervical rules apply', sources: ['T1', 'S1'] },
  'PCB-42': { title: 'Screened out after 65 but symptomatic', summary: 'Screening exit does not apply to symptoms: examine', action: 'examine despite screening exit', sources: ['S1', 'S4', 'S5', 'S23'] },
  'PCB-43': { title: 'HIV or immunosuppression', summary: 'Immunocompromised: lifelong screening schedule and lower colposcopy threshold', action: 'immunocompromised schedule', sources: ['S8', 'S6'] },
  'PCB-44': { title: 'Prior CIN2+ or cervical cancer', summary: 'Prior CIN2+: refer for colposcopy while symptomatic', action: 'colposcopy referral', sources: ['S4', 'S6', 'S23'] },
  'PCB-45': { title: 'Anticoagulant or bleeding disorder', summary: 'Anticoagulation does not explain PCB: complete the evaluation', action: 'complete structural work-up', sources: ['S28', 'S23'] },
  'PCB-50': { title: 'Heavy bleeding or instability', summary: 'Heavy bleeding or haemodynamic instability: same-day emergency care', action: 'emergency care', sources: ['S12'], seeds: ['002', '003'] },
  'PCB-51': { title: 'Fever or pelvic pain', summary: 'Fever or pelvic pain: same-day evaluation for cervicitis/PID', action: 'same-day PID evaluation', sources: ['S13', 'S23'], seeds: ['002', '003'] },
  'PCB-52': { title: 'Abnormal discharge', summary: 'Abnormal discharge: add T. vaginalis NAAT, evaluate for BV/candida', action: 'TV NAAT', sources: ['S13'], seeds: ['000', '003'] },
  'PCB-53': { title: 'Possible malignancy', summary: 'Weight loss or pelvic mass: urgent gynaecology/oncology assessment', action: 'urgent gynae-oncology', sources: ['S23', 'S20'] },
};

/** Seed article file names (shared/clinical/seeds), cited by name only as the guideline does. */
export const SEED_FILES: Record<string, string> = {
  '000': '000_42020ef09be2e7f4.txt (Cleveland Clinic, Ob/Gyn)',
  '001': '001_22aa50026bd83609.txt (SELF, citing Mayo Clinic/ACOG)',
  '002': '002_c20905bf177419f0.txt (urogynecologist interview)',
  '003': '003_c457807d529c832a.txt (patient-forum summary)',
  '004': '004_a2a3c6c5673eb774.txt (BellyBelly, pregnancy)',
};
