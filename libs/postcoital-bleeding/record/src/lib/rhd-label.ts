import type { Coding, Observation } from 'fhir/r4';

/**
 * What an RhD result says in words. Codes for RhD have been published the wrong way round (revision 2
 * of the input contract swapped SNOMED CT 165746003 and 165747007), so a label that names the polarity
 * is the better witness: the reader follows it and reports a code that disagrees. A label naming both
 * (e.g. "weak D positive / partial D negative") says nothing certain and is ignored.
 */
export function rhDFromLabel(labels: readonly string[]): 'negative' | 'positive' | undefined {
  const said = new Set<'negative' | 'positive'>();
  for (const label of labels) {
    if (!/\bR[hH]\s*\(?D?\)?|\bD\b/.test(label)) {
      continue;
    }
    if (/\bneg(ative)?\b|-ve\b|\bRh\s*\(?D?\)?\s*-(?!\w)/i.test(label)) {
      said.add('negative');
    }
    if (/\bpos(itive)?\b|\+ve\b|\bRh\s*\(?D?\)?\s*\+/i.test(label)) {
      said.add('positive');
    }
  }
  return said.size === 1 ? [...said][0] : undefined;
}

/** The words of an Observation's value: each coding's display and the concept's text. */
export function valueLabels(o: Observation): string[] {
  const concept = o.valueCodeableConcept;
  return [...(concept?.coding ?? []).map((c) => c.display), concept?.text, o.valueString].filter((l): l is string => !!l);
}

/** "system|code" of the first coded value, as unrecognised results are named, for the conflict note. */
export function codingName(codings: readonly Coding[]): string {
  const coded = codings.find((c) => c.code);
  return coded ? `${coded.system ?? 'no system'}|${coded.code}` : 'the coded value';
}
