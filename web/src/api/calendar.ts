import { http, upload } from './http'
import type { components } from './schema'

export type CalendarDue = components['schemas']['calendar.Due']
export type CalendarYear = components['schemas']['calendar.YearInfo']
export type CalendarPreview = components['schemas']['calendar.Preview']

/** 期间的种类：工作日、日、月、小时。 */
export type PeriodKind = 'workdays' | 'days' | 'months' | 'hours'

export function calendarDue(from: string, kind: PeriodKind, n: number): Promise<CalendarDue> {
  return http.get<CalendarDue>('/calendar/due', { query: { from, [kind]: n } })
}

export function calendarYears(): Promise<CalendarYear[]> {
  return http.get<CalendarYear[]>('/calendar/years')
}

export function previewCalendarYear(file: File, docNo: string): Promise<CalendarPreview> {
  return upload<CalendarPreview>('/calendar/years/preview', file, file.name, undefined, { docNo })
}

export function importCalendarYear(file: File, docNo: string): Promise<CalendarYear> {
  return upload<CalendarYear>('/calendar/years', file, file.name, undefined, { docNo })
}
