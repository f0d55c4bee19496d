// pcb-guideline.md §7.1: how a card cites. A citation names the publication; a link goes only to the
// publisher's own page, a DOI or PubMed. Where §7.1 has no canonical page the citation has no url and
// is shown as text (CDS Hooks: `source.url` is optional, a link needs one).

export interface Citation {
  /** The card's `source.label`: short, as CDS Hooks asks ("USPSTF 2018"); the full citation is in the detail and links. */
  label: string;
  citation: string;
  url?: string;
}

export const CITATIONS = {
  S1: {
    label: 'USPSTF 2018',
    citation: 'US Preventive Services Task Force. Screening for cervical cancer: recommendation statement. JAMA. 2018;320(7):674–686',
    url: 'https://www.uspreventiveservicestaskforce.org/uspstf/recommendation/cervical-cancer-screening',
  },
  S3: {
    label: 'ACS 2020',
    citation:
      'Fontham ETH et al. Cervical cancer screening for individuals at average risk: 2020 guideline update from the American Cancer Society. CA Cancer J Clin. 2020;70(5):321–346',
    url: 'https://doi.org/10.3322/caac.21628',
  },
  S4: {
    label: 'ASCCP 2019',
    citation: 'Perkins RB et al. 2019 ASCCP risk-based management consensus guidelines. J Low Genit Tract Dis. 2020;24(2):102–131',
    url: 'https://doi.org/10.1097/LGT.0000000000000525',
  },
  S5: {
    label: 'ASCCP 2017',
    citation: 'ASCCP Clinical Practice Statement: Evaluation of the cervix in patients with abnormal vaginal bleeding (7 February 2017)',
  },
  S6: {
    label: 'CDC CCSM',
    citation: 'CDC / MITRE Cervical Cancer Screening and Management (CCSM) clinical decision support',
    url: 'https://github.com/ccsm-cds-tools/ccsm-cds-with-tests',
  },
  S7: {
    label: 'ASCCP colposcopy standards 2023',
    citation: 'Colposcopy standards: guidelines for endocervical curettage at colposcopy. J Low Genit Tract Dis. 2023;27(1)',
    url: 'https://journals.lww.com/jlgtd/Fulltext/2023/01000/Colposcopy_Standards__Guidelines_for_Endocervical.18.aspx',
  },
  S8: {
    label: 'HHS HIV guidelines: HPV',
    citation:
      'HHS Guidelines for the prevention and treatment of opportunistic infections in adults and adolescents with HIV: human papillomavirus disease; ACOG Practice Bulletin 168 (2016)',
    url: 'https://clinicalinfo.hiv.gov/en/guidelines/hiv-clinical-guidelines-adult-and-adolescent-opportunistic-infections/human-papillomavirus',
  },
  S9: {
    label: 'ACOG CO 734',
    citation:
      'ACOG Committee Opinion 734: The role of transvaginal ultrasonography in evaluating the endometrium of women with postmenopausal bleeding. Obstet Gynecol. 2018;131:e124–129',
    url: 'https://www.acog.org/clinical/clinical-guidance/committee-opinion/articles/2018/05/the-role-of-transvaginal-ultrasonography-in-evaluating-the-endometrium-of-women-with-postmenopausal-bleeding',
  },
  S10: { label: 'ACOG CO 601', citation: 'ACOG Committee Opinion 601: Tamoxifen and uterine cancer (2014)' },
  S11: {
    label: 'ACOG PB 128',
    citation:
      'ACOG Practice Bulletin 128: Diagnosis of abnormal uterine bleeding in reproductive-aged women. Obstet Gynecol. 2012;120(1):197–206',
  },
  S12: {
    label: 'ACOG CO 557',
    citation:
      'ACOG Committee Opinion 557: Management of acute abnormal uterine bleeding in nonpregnant reproductive-aged women. Obstet Gynecol. 2013;121:891–896',
  },
  S13: {
    label: 'CDC STI 2021',
    citation: 'Workowski KA et al. Sexually transmitted infections treatment guidelines, 2021. MMWR Recomm Rep. 2021;70(RR-4):1–187',
    url: 'https://www.cdc.gov/std/treatment-guidelines/',
  },
  S14: {
    label: 'USPSTF 2021',
    citation:
      'US Preventive Services Task Force. Screening for chlamydia and gonorrhea: recommendation statement. JAMA. 2021;326(10):949–956',
    url: 'https://www.uspreventiveservicestaskforce.org/uspstf/recommendation/chlamydia-and-gonorrhea-screening',
  },
  S15: {
    label: 'AAFP 2019',
    citation:
      'Hendriks E, MacNaughton H, MacKenzie MC. First trimester bleeding: evaluation and management. Am Fam Physician. 2019;99(3):166–174',
    url: 'https://www.aafp.org/pubs/afp/issues/2019/0201/p166.html',
  },
  S16: {
    label: 'AAFP 2007',
    citation: 'Sakornbut E, Leeman L, Fontaine P. Late pregnancy bleeding. Am Fam Physician. 2007;75(8):1199–1206',
    url: 'https://www.aafp.org/pubs/afp/issues/2007/0415/p1199.html',
  },
  S17: {
    label: 'ACOG PB 181',
    citation:
      'ACOG Clinical Practice Update: Rh D immune globulin after abortion or pregnancy loss at less than 12 weeks (2024); ACOG Practice Bulletin 181: Prevention of Rh D alloimmunization (2017)',
  },
  S18: {
    label: 'Tarney 2014',
    citation:
      'Tarney CM, Han J. Postcoital bleeding: a review on etiology, diagnosis, and management. Obstet Gynecol Int. 2014;2014:192087',
    url: 'https://doi.org/10.1155/2014/192087',
  },
  S19: {
    label: 'Tan 2020',
    citation:
      'Tan A et al. 2020, postcoital bleeding cohort (PMID 32914426); Cancer Council Australia, investigation of abnormal vaginal bleeding',
    url: 'https://pubmed.ncbi.nlm.nih.gov/32914426/',
  },
  S20: {
    label: 'NICE NG12',
    citation: 'NICE NG12: Suspected cancer: recognition and referral',
    url: 'https://www.nice.org.uk/guidance/ng12',
  },
  S21: {
    label: 'NICE CKS',
    citation: 'NICE Clinical Knowledge Summaries: Cervical cancer and HPV',
    url: 'https://cks.nice.org.uk/topics/cervical-cancer-hpv/',
  },
  S22: {
    label: 'RCOG',
    citation: 'RCOG: Postcoital bleeding query bank',
    url: 'https://www.rcog.org.uk/en/guidelines-research-services/guidelines/postcoital-bleeding-query-bank/',
  },
  S23: {
    label: 'NHS pathway (HWE)',
    citation: 'NHS primary-care pathways for postcoital bleeding (e.g. Hertfordshire and West Essex)',
    url: 'https://www.hweclinicalguidance.nhs.uk/clinical-pathways/postcoital-bleeding-in-primary-care-management/',
  },
  S24: {
    label: 'NHSCSP',
    citation: 'NHS Cervical Screening Programme: cervical screening programme and colposcopy management',
    url: 'https://www.gov.uk/government/publications/cervical-screening-programme-and-colposcopy-management',
  },
  S25: {
    label: 'NICE NG23',
    citation: 'NICE NG23: Menopause: identification and management',
    url: 'https://www.nice.org.uk/guidance/ng23',
  },
  S26: {
    label: 'NICE NG126',
    citation: 'NICE NG126: Ectopic pregnancy and miscarriage: diagnosis and initial management',
    url: 'https://www.nice.org.uk/guidance/ng126',
  },
  S27: {
    label: 'RCOG GTG 63',
    citation: 'RCOG Green-top Guideline 63: Antepartum haemorrhage',
    url: 'https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/antepartum-haemorrhage-green-top-guideline-no-63/',
  },
  S28: {
    label: 'ASH 2017',
    citation: 'Anticoagulant-associated heavy menstrual/uterine bleeding (Medsafe 2023; Blood 2017;130(24):2603)',
    url: 'https://ashpublications.org/blood/article/130/24/2603/36855/How-I-treat-heavy-menstrual-bleeding-associated',
  },
  S30: {
    label: 'Working Together 2023',
    citation: 'HM Government: Working Together to Safeguard Children (2023); in the US, the state’s reporting law',
    url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
  },
  S31: {
    label: 'BSH 2014',
    citation:
      'Qureshi H et al. BSH guideline for the use of anti-D immunoglobulin for the prevention of haemolytic disease of the fetus and newborn. Transfus Med. 2014;24(1):8–20; NICE TA156',
    url: 'https://doi.org/10.1111/tme.12091',
  },
} as const satisfies Record<string, Citation>;

export type SourceKey = keyof typeof CITATIONS;

/** The seed articles, by title and publisher (§7.1 seed table), for the audit trace and documentation. */
export const SEEDS = {
  '000': { citation: 'Cleveland Clinic Health Essentials: "Bleeding After Sex: What You Should Know" (9 October 2022)', onCards: true },
  '001': { citation: 'SELF: "Bleeding During Sex: When It\'s Normal and When to Call Your Doctor"', onCards: true },
  '002': {
    citation: '"Spotting After Sex: What Does It Mean?" (women\'s magazine, interview with urogynecologist Neeraj Kohli, MD)',
    onCards: true,
  },
  // §7.1: lowest evidential weight, documentation only.
  '003': { citation: 'Patient-forum summary "Spotting after sex"', onCards: false },
  '004': { citation: 'BellyBelly: "Bleeding After Sex During Pregnancy – Is It Normal?"', onCards: true },
} as const;

export type SeedKey = keyof typeof SEEDS;

export const MAX_SOURCES_PER_CARD = 3;
