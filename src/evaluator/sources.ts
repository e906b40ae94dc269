/**
 * The legal sources of intake-spec.md §5 as data: what each key stands for, the latest dated change it
 * records, and where a reviewer reads it. Rules cite these keys; `npm run content:report` lists every
 * dated sentence of the content with the keys behind it, so the reviewing attorney can re-check them
 * as a list. Sources the spec marks "unverified for late 2026" say so here, and their sentences are
 * worded "this is changing".
 */

export interface Source {
  /** Short citation of what the key covers. */
  citation: string;
  /** The latest dated event the key records (ISO date): what a reviewer checks first. */
  date: string;
  /** Where to read the primary source. */
  link: string;
  /** The spec marks part of this source unverified for late 2026. */
  unverified?: string;
}

export const sources = {
  S1: {
    citation:
      'United States v. Windsor (2013); Obergefell v. Hodges (2015); Davis v. Ermold cert. denied (Nov 10, 2025); Respect for Marriage Act (2022); INA 101(a)(35); INA 214(d) fiancé(e) visas',
    date: '2025-11-10',
    link: 'https://www.uscis.gov/family/same-sex-marriages',
  },
  S2: {
    citation:
      'INA 201(b), 203(a)(2)(A), 245(a), (c), (i); Matter of Cabrera-Fernandez (BIA 2023); Matter of Q. Li (BIA May 15, 2025); USCIS Policy Manual Vol. 7 Part B Ch. 2; public charge NPRM (Nov 19, 2025); State Department cable (Nov 6, 2025)',
    date: '2025-11-19',
    link: 'https://www.uscis.gov/policy-manual/volume-7-part-b-chapter-2',
  },
  S3: {
    citation:
      'EOIR hearings, in absentia orders, Form EOIR-33; 8 CFR 1003.14; EOIR case information 1-800-898-7180; Form AR-11; ICE memo of May 12, 2025 on I-205 home entry (made public Jan 21, 2026)',
    date: '2026-01-21',
    link: 'https://acis.eoir.justice.gov/',
  },
  S4: {
    citation:
      'INA 212(a)(9)(B) and (C) bars; INA 240B and 8 CFR 1240.26 voluntary departure; CBP Home app and payments to leave (2025)',
    date: '2025-06-09',
    link: 'https://www.law.cornell.edu/cfr/text/8/1240.26',
  },
  S5: {
    citation: 'I-601A provisional waiver (2013, expanded 2016); motions to reopen, INA 240(b)(5)(C)(ii)',
    date: '2016-08-29',
    link: 'https://www.uscis.gov/i-601a',
  },
  S6: {
    citation:
      'Prosecutorial discretion: Morton memo (2011), DHS letter and ICE memo on same-sex partners (2012), Johnson memo (2014), rescission (2017), Mayorkas guidelines (2021), EO 14159 (Jan 20, 2025)',
    date: '2025-01-20',
    link: 'https://www.federalregister.gov/documents/2025/01/29/2025-02006/protecting-the-american-people-against-invasion',
  },
  S7: {
    citation: 'Administrative closure: Matter of Cruz-Valdez (2021); 89 FR 46742 (July 29, 2024); DHS motions to recalendar since May 2025',
    date: '2025-05-01',
    link: 'https://www.justice.gov/eoir',
  },
  S8: {
    citation:
      'VAWA self-petition, INA 204(a)(1)(A)(iii) and (v); U visa, INA 101(a)(15)(U); ICE Directive 11005.4 (Jan 31, 2025); National Domestic Violence Hotline',
    date: '2025-10-01',
    link: 'https://www.uscis.gov/humanitarian/abused-spouses-children-and-parents',
  },
  S9: {
    citation:
      'Expedited removal expansion (Jan 21, 2025), stay vacated by the D.C. Circuit (June 23, 2026, Make the Road New York v. Noem); Matter of Yajure Hurtado (BIA Sept 5, 2025); Maldonado Bautista v. Santacruz; EOIR guidance (Jan 13, 2026); TPS, DACA and parole litigation 2025-2026',
    date: '2026-06-23',
    link: 'https://www.justice.gov/eoir',
    unverified: 'the parolee part (CHIRLA v. Noem); military parole in place',
  },
  S10: {
    citation:
      'USCIS NTA policy memo (Feb 28, 2025); ICE arrests at USCIS interviews reported since Nov 12, 2025; Laken Riley Act (Jan 29, 2025); registration rule and Form G-325R (Apr 11, 2025)',
    date: '2025-11-12',
    link: 'https://www.uscis.gov/newsroom/alerts',
  },
  S11: {
    citation:
      'INA 208(a)(2)(B) one-year deadline; 8 CFR 208.4(a)(4)-(5); withholding of removal; Convention Against Torture; fear screening (June 2024); DHS v. D.V.D. (June 23, 2025); USCIS hold PM-602-0192 (Dec 2, 2025); refugee admissions EO 14163',
    date: '2025-12-02',
    link: 'https://www.law.cornell.edu/cfr/text/8/208.4',
    unverified: 'the USCIS hold on pending asylum applications',
  },
  S12: {
    citation: 'USCIS "Find legal services": only attorneys and DOJ-accredited representatives may give legal advice',
    date: '2025-01-01',
    link: 'https://www.uscis.gov/scams-fraud-and-misconduct/avoid-scams/find-legal-services',
  },
  S13: {
    citation: 'INA 240A(b) cancellation of removal for non-permanent residents; INA 240A(e) yearly cap',
    date: '1996-09-30',
    link: 'https://www.law.cornell.edu/uscode/text/8/1229b',
  },
  S14: {
    citation: 'USCIS "Avoid scams": notarios, notaries public and consultants',
    date: '2025-01-01',
    link: 'https://www.uscis.gov/scams-fraud-and-misconduct/avoid-scams',
  },
  S15: {
    citation: 'INA 101(a)(27)(J) Special Immigrant Juvenile Status; deferred action for SIJS ended June 6, 2025; A.C.R. v. Noem stay (Nov 19, 2025)',
    date: '2025-11-19',
    link: 'https://www.law.cornell.edu/uscode/text/8/1101',
  },
  S16: {
    citation:
      'Proclamation of Dec 16, 2025 (entry restrictions, effective Jan 1, 2026); State Department immigrant-visa pause for nationals of 75 countries (Jan 21, 2026); USCIS holds PM-602-0192 (Dec 2, 2025) and PM-602-0194 (Jan 1, 2026)',
    date: '2026-01-21',
    link: 'https://travel.state.gov/content/travel/en/News/visas-news.html',
    unverified: 'all of it: "this is changing"',
  },
  S17: {
    citation:
      'DHS standards against sexual abuse in confinement, 6 CFR part 115 (Mar 7, 2014); ICE detention medical standards; ICE detention reporting line 1-888-351-4024; DHS OIG hotline 1-800-323-8603; EO 14168 (Jan 20, 2025); DHS oversight offices cut (Mar 21, 2025)',
    date: '2025-03-21',
    link: 'https://www.ice.gov/detain',
    unverified: 'both phone numbers, to verify before launch',
  },
  S18: {
    citation: 'EO 14168 (Jan 20, 2025); USCIS sex-marker policy (Apr 2, 2025)',
    date: '2025-04-02',
    link: 'https://www.uscis.gov/newsroom/alerts',
  },
  seeds: {
    citation: '2012 DHS written guidance on same-sex partners; legal aid warnings against seeking removal proceedings; the organization FAQ',
    date: '2012-10-05',
    link: 'https://immigrationequality.org/',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof sources;
export const sourceKeys = Object.keys(sources) as SourceKey[];
