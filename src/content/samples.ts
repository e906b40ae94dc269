/**
 * Realistic values for every placeholder the locales use, so each string is checked as a person
 * sees it. Organization values come from an organization profile (the shipped example by default);
 * the rest are typical of a real conversation. Fixed values keep the report deterministic.
 */
import type { OrgProfile } from '../config';
import type { SampleValues } from './catalog';

export function sampleValues(profile: OrgProfile): SampleValues {
  const common = {
    number: '3',
    total: '19',
    reference: 'PU-7KQ2M-X9D4F',
    phone: profile.phone,
    urgentPhone: profile.urgentPhone,
    url: profile.resources.immigrationEquality.url,
    sessionDays: '30',
    recordDays: '90',
    link: 'https://intake.example.org/staff/intakes/PU-7KQ2M-X9D4F',
    email: 'ana.lopez@example.org',
    count: '4',
    days: '30',
    from: '2026-11-06',
    to: '2026-12-05',
    day: '2026-11-18',
    percent: '40%',
    firstPercent: '60%',
    secondPercent: '40%',
    urgent: '2',
    sent: '5',
    started: '12',
    busiest: '3',
    reached: '9',
    stopped: '2',
    firstCount: '7',
    createdAt: '2026-12-05T14:03:00.000Z',
    method: 'Text message',
    value: '+1 555 010 2345',
    secondCount: '5',
  };
  return {
    en: { ...common, name: profile.name.en, hours: profile.hours.en, question: 'Court case', answer: 'Yes, an open case', language: 'Spanish', filter: 'New', answers: 'Court case; Detention', caption: 'Intakes per day', label: 'Started', first: 'English', second: 'Spanish', worst: 'Court case (proceedings)', stops: 'Court case (proceedings): 2', list: 'You are detained (DETAINED) 3' },
    es: { ...common, name: profile.name.es, hours: profile.hours.es, question: 'Caso en la corte', answer: 'Sí, un caso abierto', language: 'español', filter: 'Nuevas', answers: 'Caso en la corte; Detención', caption: 'Solicitudes por día', label: 'Empezadas', first: 'inglés', second: 'español', worst: 'Caso en la corte (proceedings)', stops: 'Caso en la corte (proceedings): 2', list: 'Está en detención (DETAINED) 3' },
  };
}
