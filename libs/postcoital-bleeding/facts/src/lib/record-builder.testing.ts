import { addDays, addMonths } from './dates';
import type { PatientRecord } from './patient-record';
import { emptyPatientRecord } from './patient-record';

export const TODAY = '2026-11-22';
export const daysAgo = (n: number): string => addDays(TODAY, -n);
export const weeksAgo = (n: number): string => addDays(TODAY, -7 * n);
export const monthsAgo = (n: number): string => addMonths(TODAY, -n);
export const yearsAgo = (n: number): string => addMonths(TODAY, -12 * n);

/** A female patient of `age` with PCB recorded a week ago; `changes` adds to the chart. */
export function chart(age: number, changes: Partial<PatientRecord> = {}): PatientRecord {
  return {
    ...emptyPatientRecord(TODAY),
    birthDate: addMonths(TODAY, -12 * age - 1),
    administrativeGender: 'female',
    pcb: [{ date: weeksAgo(1), source: 'condition' }],
    ...changes,
  };
}
