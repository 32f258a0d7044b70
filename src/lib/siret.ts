/** Luhn check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && passesLuhn(value)
}

/** SIRET: 14 digits passing Luhn, or a La Poste establishment (356000000…) whose digit sum is a multiple of 5. */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false
  if (passesLuhn(value)) return true
  if (!value.startsWith('356000000')) return false
  const digitSum = [...value].reduce((sum, d) => sum + Number(d), 0)
  return digitSum % 5 === 0
}

/** French VAT number: FR + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97
  return `FR${String(key).padStart(2, '0')}${siren}`
}

/** Checks a French VAT number; alphanumeric keys cannot be recomputed and are accepted by format only. */
export function isValidFrenchVat(value: string): boolean {
  const match = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(value)
  if (!match) return false
  const [, key, siren] = match as unknown as [string, string, string]
  if (!isValidSiren(siren)) return false
  if (/^\d{2}$/.test(key)) return frenchVatNumber(siren) === value
  return true
}

/** Removes the spaces people type: "732 829 320 00074" → "73282932000074". */
export function compactDigits(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase()
}
