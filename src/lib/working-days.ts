import joursFeries from '@socialgouv/jours-feries'
import { addDays, weekdayOf, type LocalDate } from './zoned-time.js'

const HALF_DAY_MS = 12 * 3_600_000
const holidaysByYear = new Map<number, ReadonlySet<LocalDate>>()

/**
 * The metropolitan French public holidays of a year, as local dates (Alsace-Moselle's two extra days are
 * not included). The package builds its movable feasts by adding 24-hour steps to a local midnight, so
 * across a DST change in the server's zone a date can sit an hour before midnight: reading it at noon
 * keeps it on its calendar day whatever zone the process runs in.
 */
export function frenchPublicHolidays(year: number): ReadonlySet<LocalDate> {
  let dates = holidaysByYear.get(year)
  if (!dates) {
    dates = new Set(
      Object.values(joursFeries(year)).map((d) => {
        const noon = new Date(d.getTime() + HALF_DAY_MS)
        return `${noon.getFullYear()}-${String(noon.getMonth() + 1).padStart(2, '0')}-${String(noon.getDate()).padStart(2, '0')}`
      }),
    )
    holidaysByYear.set(year, dates)
  }
  return dates
}

export function isPublicHoliday(date: LocalDate): boolean {
  return frenchPublicHolidays(Number(date.slice(0, 4))).has(date)
}

/** Monday to Friday and not a public holiday (jour ouvré). */
export function isWorkingDay(date: LocalDate): boolean {
  return weekdayOf(date) <= 5 && !isPublicHoliday(date)
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let day = date
  while (!isWorkingDay(day)) day = addDays(day, 1)
  return day
}
