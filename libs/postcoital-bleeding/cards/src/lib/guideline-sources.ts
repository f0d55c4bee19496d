// pcb-guideline.md §7: the sources cards cite (first URL of each entry).

export interface GuidelineSource {
  label: string;
  url: string;
}

export const SOURCES = {
  S1: { label: 'USPSTF 2018: Screening for cervical cancer', url: 'https://ebccp.cancercontrol.cancer.gov/recommendation.do?topicId=102264' },
  S4: { label: 'ASCCP 2019 risk-based management consensus guidelines', url: 'https://journals.lww.com/jlgtd/Fulltext/2020/04000/2019_ASCCP_Risk_Based_Management_Consensus.3.aspx' },
  S5: { label: 'ASCCP 2017: Evaluation of the cervix in patients with abnormal vaginal bleeding', url: 'https://docslib.org/doc/1383051/asccp-clinical-practice-statement-evaluation-of-the-cervix-in-patients-with-abnormal-vaginal-bleeding-published-february-7-2017' },
  S6: { label: 'CDC/MITRE Cervical Cancer Screening and Management (CCSM) CDS', url: 'https://github.com/ccsm-cds-tools/ccsm-cds-with-tests' },
  S7: { label: 'ASCCP colposcopy standards: endocervical curettage', url: 'https://journals.lww.com/jlgtd/Fulltext/2023/01000/Colposcopy_Standards__Guidelines_for_Endocervical.18.aspx' },
  S8: { label: 'Cervical screening in HIV/immunocompromised patients (HHS guidance)', url: 'https://www.reliasmedia.com/articles/79337-how-should-you-manage-cervical-cancer-screening-in-women-with-hiv' },
  S9: { label: 'ACOG Committee Opinion 734: TVUS in postmenopausal bleeding', url: 'https://www.acog.org/clinical/clinical-guidance/committee-opinion/articles/2018/05/the-role-of-transvaginal-ultrasonography-in-evaluating-the-endometrium-of-women-with-postmenopausal-bleeding' },
  S10: { label: 'ACOG Committee Opinion 601: Tamoxifen and uterine cancer', url: 'http://www.acog.org/Resources-And-Publications/Committee-Opinions/Committee-on-Gynecologic-Practice/Tamoxifen-and-Uterine-Cancer' },
  S11: { label: 'ACOG Practice Bulletin 128: Abnormal uterine bleeding', url: 'https://cybercemetery.unt.edu/archive/oilspill/20130214223642/http://www.guidelines.gov/content.aspx?id=38623' },
  S12: { label: 'ACOG Committee Opinion 557: Acute abnormal uterine bleeding', url: 'https://www.scribd.com/document/553167534/Management-of-Acute-Abnormal-Uterine-Bleeding-in-Nonpregnant-Reproductive-Aged-Women-Management-of-Acute-Abnormal-Uterine-Bleeding-in-Nonpregnant-Re' },
  S13: { label: 'CDC STI Treatment Guidelines 2021', url: 'https://www.mlo-online.com/disease/stis-stds/article/21232815/cdc-updates-guidelines-for-stis' },
  S14: { label: 'USPSTF 2021: Chlamydia and gonorrhea screening', url: 'https://jamanetwork.com/journals/jama/fullarticle/2784136' },
  S15: { label: 'AAFP 2019: First-trimester bleeding', url: 'https://www.aafp.org/pubs/afp/issues/2019/0201/p166.html' },
  S16: { label: 'AAFP 2007: Late pregnancy bleeding', url: 'https://docslib.org/doc/13164463/late-pregnancy-bleeding' },
  S17: { label: 'ACOG 2024 update: Rh testing and prophylaxis', url: 'https://foamed.ebmedicine.net/general-emergency-medicine/news-updates/acog-updates-guidance-on-rh-testing-prophylaxis-in-early-pregnancy-loss' },
  S18: { label: 'Tarney & Han 2014: Postcoital bleeding review', url: 'https://www.hindawi.com/journals/ogi/2014/192087/' },
  S19: { label: 'PCB cohort evidence (Tan 2020, Godfrey 2019)', url: 'https://www.cancer.org.au/clinical-guidelines/cervical-cancer-screening/investigation-of-abnormal-vaginal-bleeding' },
  S20: { label: 'NICE NG12: Suspected cancer, gynaecological', url: 'https://nice.org.uk/guidance/ng12/ifp/chapter/About-this-information' },
  S21: { label: 'NICE CKS via BNSSG REMEDY: Cervical conditions', url: 'https://remedy.bnssg.icb.nhs.uk/adults/gynaecology/cervical-conditions' },
  S22: { label: 'RCOG postcoital bleeding query bank', url: 'https://www.rcog.org.uk/en/guidelines-research-services/guidelines/postcoital-bleeding-query-bank/' },
  S23: { label: 'NHS postcoital bleeding pathway (Hertfordshire & West Essex)', url: 'https://www.hweclinicalguidance.nhs.uk/clinical-pathways/postcoital-bleeding-in-primary-care-management/' },
  S24: { label: 'NHS Cervical Screening Programme and colposcopy management', url: 'https://gov.uk/government/publications/cervical-screening-programme-and-colposcopy-management/2-providing-a-quality-colposcopy-clinic' },
  S25: { label: 'NICE NG23: Menopause', url: 'https://remedy.bnssg.icb.nhs.uk/adults/menopause/diagnosing-menopause' },
  S26: { label: 'NICE NG126: Ectopic pregnancy and miscarriage', url: 'https://nice.org.uk/guidance/ng126/chapter/Update-information' },
  S27: { label: 'RCOG Green-top Guideline 63: Antepartum haemorrhage', url: 'https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/antepartum-haemorrhage-green-top-guideline-no-63/' },
  S28: { label: 'Anticoagulant-associated uterine bleeding (Medsafe 2023)', url: 'https://www.medsafe.govt.nz/profs/PUArticles/December%202023/Discuss-possible-effects-on-uterine%20bleeding-in-people-taking-oral-anticoagulant-therapy.html' },
  T1: { label: 'eCQM value sets (VSAC expansions)', url: 'https://github.com/cqframework/ecqm-content-qicore-2025' },
} as const satisfies Record<string, GuidelineSource>;

export type SourceKey = keyof typeof SOURCES;
