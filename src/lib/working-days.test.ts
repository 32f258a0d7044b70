import { describe, expect, it } from 'vitest'
import { frenchPublicHolidays, isPublicHoliday, isWorkingDay, nextWorkingDay } from './working-days.js'

describe('French public holidays (metropolitan)', () => {
  it('lists the eleven holidays of 2026, the movable ones from Easter (5 April 2026)', () => {
    expect([...frenchPublicHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ])
  })

  it('leaves out Good Friday and St Stephen’s Day, which only Alsace-Moselle keeps', () => {
    expect(isPublicHoliday('2026-04-03')).toBe(false)
    expect(isPublicHoliday('2026-12-26')).toBe(false)
  })

  it('follows Easter from year to year (Easter Monday 2027 is 29 March)', () => {
    expect(isPublicHoliday('2027-03-29')).toBe(true)
    expect(isPublicHoliday('2027-05-06')).toBe(true) // Ascension 2027
    expect(isPublicHoliday('2026-03-29')).toBe(false)
  })
})

describe('working days', () => {
  it('counts Monday to Friday outside public holidays', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true) // a Monday
    expect(isWorkingDay('2026-11-27')).toBe(true) // a Friday
    expect(isWorkingDay('2026-11-28')).toBe(false) // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false) // Sunday
    expect(isWorkingDay('2026-04-06')).toBe(false) // Easter Monday
    expect(isWorkingDay('2026-05-14')).toBe(false) // Ascension, a Thursday
    expect(isWorkingDay('2026-07-14')).toBe(false) // a Tuesday
  })

  it('keeps a working day and moves any other to the next working one', () => {
    expect(nextWorkingDay('2026-11-23')).toBe('2026-11-23')
    expect(nextWorkingDay('2026-11-29')).toBe('2026-11-30') // Sunday → Monday
    expect(nextWorkingDay('2026-04-04')).toBe('2026-04-07') // Saturday, Sunday, Easter Monday → Tuesday
    expect(nextWorkingDay('2026-05-14')).toBe('2026-05-15') // Ascension → Friday
    expect(nextWorkingDay('2026-07-14')).toBe('2026-07-15')
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28') // Christmas Friday, the weekend → Monday
    expect(nextWorkingDay('2027-01-01')).toBe('2027-01-04') // across the year
  })
})
