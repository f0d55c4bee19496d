/**
 * The codes the banner reads, as `alias|code` (aliases as in the terminology's systems.json): a copy of the
 * relevant value sets and concept maps of libs/postcoital-bleeding/terminology/src/data (fact-encoding.md),
 * because the page cannot import that library. banner-codes.spec.ts checks every code against those files.
 * The banner is a convenience for the reader; the decisions are the service's.
 */
export const SYSTEMS: Readonly<Record<string, string>> = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  ucum: 'http://unitsofmeasure.org',
};

/** Value sets (names as in value-sets.json). */
export const BANNER_VALUE_SETS = {
  pregnancyStatus: ['loinc|82810-3', 'loinc|11449-6'],
  pregnantCondition: ['icd10cm|Z33.1'],
  gestationalAge: ['loinc|49051-6', 'loinc|11884-4', 'loinc|18185-9', 'loinc|11885-1'],
  estimatedDeliveryDate: ['loinc|11778-8'],
  lastMenstrualPeriod: ['loinc|8665-2'],
  menopausalStatus: ['snomed|161712005'],
  postmenopausalCondition: ['icd10cm|N95.1', 'icd10cm|E28.310', 'icd10cm|E28.319'],
  cytologyTest: [
    'loinc|10524-7',
    'loinc|18500-9',
    'loinc|19762-4',
    'loinc|19764-0',
    'loinc|19765-7',
    'loinc|19766-5',
    'loinc|19774-9',
    'loinc|33717-0',
    'loinc|47527-7',
    'loinc|47528-5',
  ],
  hpvTest: [
    'loinc|21440-3',
    'loinc|30167-1',
    'loinc|38372-9',
    'loinc|59263-4',
    'loinc|59264-2',
    'loinc|59420-0',
    'loinc|69002-4',
    'loinc|71431-1',
    'loinc|75694-0',
    'loinc|77379-6',
    'loinc|77399-4',
    'loinc|77400-0',
    'loinc|82354-2',
    'loinc|82456-5',
    'loinc|82675-0',
    'loinc|95539-3',
  ],
} as const satisfies Record<string, readonly string[]>;

/** Concept maps (names as in concept-maps.json): a value coding → the category shown. */
export const BANNER_CONCEPT_MAPS = {
  pregnancyStatusAnswer: {
    'loinc|LA15173-0': 'pregnant',
    'snomed|77386006': 'pregnant',
    'loinc|LA26683-5': 'not-pregnant',
    'snomed|60001007': 'not-pregnant',
    'loinc|LA4489-6': 'unknown',
  },
  menopausalStatusValue: {
    'snomed|307429007': 'post',
    'snomed|76498008': 'post',
    'snomed|289903006': 'post',
    'snomed|371036001': 'post',
    'snomed|373717006': 'post',
    'snomed|309606002': 'pre',
    'snomed|22636003': 'pre',
    'snomed|161541000119104': 'peri',
  },
  cytologyResult: {
    'snomed|373887005': 'NILM',
    'snomed|441087007': 'ASC-US',
    'snomed|62051000119105': 'LSIL',
    'snomed|416030007': 'LSIL',
    'snomed|441088002': 'ASC-H',
    'snomed|416033009': 'HSIL',
    'snomed|441219009': 'AGC',
    'snomed|373883009': 'AGC',
    'snomed|441094005': 'AGC',
    'snomed|373882004': 'AGC',
    'snomed|447760009': 'AIS',
    'snomed|254890008': 'AIS',
    'snomed|1162767002': 'SCC',
    'snomed|103646000': 'AGC',
    'snomed|125155008': 'benign-endometrial',
    'snomed|126481000119106': 'unsatisfactory',
    'snomed|412716005': 'NILM',
  },
  hpvResult: {
    'snomed|260385009': 'negative',
    'snomed|10828004': 'positive',
    'snomed|708298003': 'hpv16',
    'snomed|708299006': 'hpv18',
  },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

/** `system|code` of a coding with its alias, or undefined for a system the banner does not know. */
export function aliasKey(system: string | undefined, code: string | undefined): string | undefined {
  const alias = Object.keys(SYSTEMS).find((a) => SYSTEMS[a] === system);
  return alias !== undefined && code ? `${alias}|${code}` : undefined;
}
