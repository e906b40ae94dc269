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
  };
  return {
    en: { ...common, name: profile.name.en, hours: profile.hours.en, question: 'Court case', answer: 'Yes, an open case', language: 'Spanish', filter: 'New', answers: 'Court case; Detention' },
    es: { ...common, name: profile.name.es, hours: profile.hours.es, question: 'Caso en la corte', answer: 'Sí, un caso abierto', language: 'español', filter: 'Nuevas', answers: 'Caso en la corte; Detención' },
  };
}
