import type { CodingLike, OrderKind, Terminology, ValueSetName } from '@pcb-cds/postcoital-bleeding-terminology';

/**
 * Test value sets whose members order the same test as an order kind. An EHR's order catalogue
 * rarely uses the one §4.9 code the cards suggest (cervical cytology may be ordered as 10524-7,
 * not 47528-5), so a draft is also recognised by the guideline's test value sets. Single-organism
 * chlamydia or gonorrhoea NAATs are deliberately absent: they do not satisfy the CT + NG order.
 */
const SAME_TEST_AS: readonly (readonly [ValueSetName, OrderKind])[] = [
  ['cytologyTest', 'cervical-cytology'],
  ['hpvTest', 'hpv-test'],
  ['ctNgNaat', 'ct-ng-naat'],
  ['trichomonasNaat', 'trichomonas-naat'],
  // A qualitative hCG answers the pregnancy question whether urine or serum.
  ['hcgQualitative', 'urine-hcg'],
  ['hcgQuantitative', 'serum-quantitative-hcg'],
];

/** The guideline order kind an order's codes stand for: the §4.9 code first, then the test value sets. */
export function draftOrderKind(codings: readonly CodingLike[] | undefined, t: Terminology): OrderKind | undefined {
  return t.orderKindOf(codings) ?? SAME_TEST_AS.find(([valueSet]) => t.inValueSet(valueSet, codings))?.[1];
}
