import { examinationAndScreeningRules } from './examination-and-screening-rules';
import { infectionAndPregnancyTestRules } from './infection-and-pregnancy-test-rules';
import { referralAndFindingRules } from './referral-and-finding-rules';
import type { Rule } from './rule';

/** §2 core rules PCB-10…18, in the guideline's order. */
export const coreRules: Rule[] = [
  ...examinationAndScreeningRules,
  ...infectionAndPregnancyTestRules,
  ...referralAndFindingRules,
];
