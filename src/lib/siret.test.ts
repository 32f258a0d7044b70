import { describe, expect, it } from 'vitest'
import {
  compactDigits,
  frenchVatNumber,
  isValidFrenchVat,
  isValidSiren,
  isValidSiret,
  passesLuhn,
} from './siret.js'

describe('SIREN and SIRET', () => {
  it('accepts a SIREN whose Luhn sum is a multiple of 10', () => {
    expect(passesLuhn('732829320')).toBe(true)
    expect(isValidSiren('732829320')).toBe(true)
    expect(isValidSiren('732829321')).toBe(false)
  })

  it('refuses a SIREN that is not nine digits', () => {
    expect(isValidSiren('73282932')).toBe(false)
    expect(isValidSiren('7328293200')).toBe(false)
    expect(isValidSiren('73282932A')).toBe(false)
  })

  it('accepts a SIRET whose Luhn sum is a multiple of 10', () => {
    expect(isValidSiret('73282932000074')).toBe(true)
    expect(isValidSiret('73282932000075')).toBe(false)
  })

  it('accepts a La Poste establishment whose digit sum is a multiple of 5, though it fails Luhn', () => {
    expect(passesLuhn('35600000049837')).toBe(false)
    expect(isValidSiret('35600000049837')).toBe(true)
  })

  it('still accepts a La Poste SIRET that happens to pass Luhn', () => {
    expect(passesLuhn('35600000000048')).toBe(true)
    expect(isValidSiret('35600000000048')).toBe(true)
  })

  it('does not extend the La Poste exception to other companies', () => {
    // Digit sum 50 (a multiple of 5) but Luhn fails and the SIREN is not La Poste's.
    const notLaPoste = '73282932000077'
    expect(passesLuhn(notLaPoste)).toBe(false)
    expect(isValidSiret(notLaPoste)).toBe(false)
  })

  it('refuses a La Poste SIRET whose digit sum is not a multiple of 5', () => {
    expect(isValidSiret('35600000049838')).toBe(false)
  })

  it('refuses a SIRET with spaces, letters or the wrong length (callers compact first)', () => {
    expect(isValidSiret('732 829 320 00074')).toBe(false)
    expect(isValidSiret(compactDigits('732 829 320 00074'))).toBe(true)
    expect(isValidSiret('7328293200007')).toBe(false)
    expect(isValidSiret('7328293200007A')).toBe(false)
  })
})

describe('French VAT number', () => {
  it('computes the key from the SIREN', () => {
    expect(frenchVatNumber('732829320')).toBe('FR44732829320')
  })

  it('accepts a VAT number whose key matches its SIREN', () => {
    expect(isValidFrenchVat('FR44732829320')).toBe(true)
  })

  it('refuses a wrong key, a bad SIREN or a foreign format', () => {
    expect(isValidFrenchVat('FR45732829320')).toBe(false)
    expect(isValidFrenchVat('FR44732829321')).toBe(false)
    expect(isValidFrenchVat('DE44732829320')).toBe(false)
    expect(isValidFrenchVat('FR4473282932')).toBe(false)
    expect(isValidFrenchVat('fr44732829320')).toBe(false)
  })

  it('accepts an alphanumeric key by format only, when the SIREN is valid', () => {
    expect(isValidFrenchVat('FRAB732829320')).toBe(true)
    expect(isValidFrenchVat('FRAB732829321')).toBe(false)
  })

  it('compacts what people type', () => {
    expect(compactDigits('fr 44 732.829-320')).toBe('FR44732829320')
  })
})
