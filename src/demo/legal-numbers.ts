import { frenchVatNumber, passesLuhn } from '../lib/siret.js'

/** Appends the digit that makes the whole string pass the Luhn check. */
function withLuhnDigit(payload: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (passesLuhn(`${payload}${digit}`)) return `${payload}${digit}`
  }
  throw new Error(`no Luhn digit for ${payload}`) // unreachable: exactly one digit fits
}

/**
 * A made-up but well-formed legal identity: a SIREN (8 digits + Luhn digit), a SIRET (SIREN + 4-digit
 * establishment number + Luhn digit over all 14) and the VAT number derived from the SIREN.
 */
export function demoLegalIdentity(
  sirenPrefix: string,
  establishmentPrefix: string,
): { siren: string; siret: string; vatNumber: string } {
  if (!/^\d{8}$/.test(sirenPrefix) || !/^\d{4}$/.test(establishmentPrefix))
    throw new Error('expected 8 and 4 digits')
  const siren = withLuhnDigit(sirenPrefix)
  return { siren, siret: withLuhnDigit(`${siren}${establishmentPrefix}`), vatNumber: frenchVatNumber(siren) }
}
