import { latest, latestOrUndated } from './dates';
import type { PatientRecord } from './patient-record';
import type { PostcoitalBleedingFacts } from './postcoital-bleeding-facts';

type HysterectomyFacts = Pick<PostcoitalBleedingFacts, 'hysterectomy' | 'hasCervix' | 'hasCorpus'>;

/**
 * §1 `hyst`: any no-cervix code → total (a later stump excision also lands here); cervix-retained
 * codes → subtotal; only ambiguous codes → unknown (PCB-04). A cervical result dated after a "total"
 * hysterectomy also makes it unknown. Unknown keeps the cervix (exam/cytology rules apply) and
 * removes the uterus (no endometrial or hCG rules), as PCB-04 says. An undated entry still counts
 * (fact-encoding.md rev 2): with no date, no result can be shown to follow it.
 */
export function deriveHysterectomy(record: PatientRecord): HysterectomyFacts {
  const byGroup = (g: string): PatientRecord['hysterectomy'] => record.hysterectomy.filter((h) => h.group === g);
  const total = latestOrUndated(byGroup('no-cervix'));
  const subtotal = latestOrUndated(byGroup('cervix-retained'));
  const ambiguous = latestOrUndated(byGroup('ambiguous'));
  if (total) {
    const lastCervicalResult = latest([...record.cytology, ...record.hpv]);
    if (total.date && lastCervicalResult && lastCervicalResult.date > total.date) {
      return result({ class: 'unknown', ambiguity: 'result-after-total', date: total.date, display: total.display });
    }
    return result({ class: 'total', date: total.date, display: total.display });
  }
  if (subtotal) {
    return result({ class: 'subtotal', date: subtotal.date, display: subtotal.display });
  }
  if (ambiguous) {
    return result({ class: 'unknown', ambiguity: 'ambiguous-code', date: ambiguous.date, display: ambiguous.display });
  }
  return result({ class: 'none' });
}

function result(hysterectomy: PostcoitalBleedingFacts['hysterectomy']): HysterectomyFacts {
  return {
    hysterectomy,
    hasCervix: hysterectomy.class !== 'total',
    hasCorpus: hysterectomy.class === 'none',
  };
}
