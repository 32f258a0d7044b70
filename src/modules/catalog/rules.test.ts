import { describe, expect, it } from 'vitest'
import {
  checkProductInput,
  LIMITED_STOCK_THRESHOLD,
  MAX_ON_HAND,
  MAX_PRICE_CENTS,
  MAX_VARIANTS,
  stockState,
  WITHDRAWAL_EXCEPTIONS,
} from './rules.js'
import type { ProductInput, VariantInput, WithdrawalException } from './types.js'

const variant = (overrides: Partial<VariantInput> = {}): VariantInput => ({
  name: 'Pièce',
  priceCents: 120,
  onHand: 10,
  ...overrides,
})
const product = (overrides: Partial<ProductInput> = {}): ProductInput => ({
  name: 'Croissant au beurre',
  description: 'Pur beurre AOP Charentes-Poitou.',
  kind: 'product',
  vatRateBp: 550,
  status: 'published',
  variants: [variant()],
  ...overrides,
})
const codes = (input: ProductInput) => checkProductInput(input)

describe('checkProductInput', () => {
  it('accepts every L221-28 withdrawal exception, and none (the 14-day right applies)', () => {
    expect(WITHDRAWAL_EXCEPTIONS).toEqual([
      'perishable',
      'personalised',
      'sealed_hygiene',
      'newspaper',
      'dated_service',
    ])
    for (const withdrawalException of [...WITHDRAWAL_EXCEPTIONS, undefined])
      expect(codes(product({ withdrawalException }))).toEqual([])
  })

  it('refuses an unknown withdrawal exception', () => {
    for (const value of ['fragile', '', 'PERISHABLE']) {
      expect(codes(product({ withdrawalException: value as WithdrawalException }))).toEqual([
        { field: 'withdrawalException', code: 'invalid_withdrawal_exception' },
      ])
    }
  })

  it('accepts a complete product and a service', () => {
    expect(codes(product())).toEqual([])
    expect(
      codes(
        product({
          kind: 'service',
          vatRateBp: 2000,
          variants: [{ name: 'Coupe homme', priceCents: 2200, durationMinutes: 30 }],
        }),
      ),
    ).toEqual([])
  })

  it('requires a name that is not only spaces', () => {
    expect(codes(product({ name: '' }))).toEqual([{ field: 'name', code: 'required' }])
    expect(codes(product({ name: '   ' }))).toEqual([{ field: 'name', code: 'required' }])
  })

  it('refuses a name or a description that is too long', () => {
    expect(codes(product({ name: 'x'.repeat(121) }))).toEqual([{ field: 'name', code: 'too_long' }])
    expect(codes(product({ description: 'x'.repeat(5001) }))).toEqual([
      { field: 'description', code: 'too_long' },
    ])
  })

  it('refuses a negative, fractional, huge or missing price', () => {
    for (const priceCents of [-1, 1.5, MAX_PRICE_CENTS + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codes(product({ variants: [variant({ priceCents })] }))).toEqual([
        { field: 'variants[0].priceCents', code: 'invalid_price' },
      ])
    }
  })

  it('accepts a free item and the highest allowed price', () => {
    expect(codes(product({ variants: [variant({ priceCents: 0 })] }))).toEqual([])
    expect(codes(product({ variants: [variant({ priceCents: MAX_PRICE_CENTS })] }))).toEqual([])
  })

  it('refuses a VAT rate that is not a French rate', () => {
    for (const vatRateBp of [1960, 700, -550, 5.5, 20]) {
      expect(codes(product({ vatRateBp }))).toEqual([{ field: 'vatRateBp', code: 'invalid_vat_rate' }])
    }
    for (const vatRateBp of [2000, 1000, 550, 210, 0]) expect(codes(product({ vatRateBp }))).toEqual([])
  })

  it('requires at least one variant and at most thirty', () => {
    expect(codes(product({ variants: [] }))).toEqual([{ field: 'variants', code: 'required' }])
    expect(
      codes(
        product({
          variants: Array.from({ length: MAX_VARIANTS }, (_, i) => variant({ name: `Taille ${i}` })),
        }),
      ),
    ).toEqual([])
    expect(
      codes(
        product({
          variants: Array.from({ length: MAX_VARIANTS + 1 }, (_, i) => variant({ name: `Taille ${i}` })),
        }),
      ),
    ).toEqual([{ field: 'variants', code: 'too_many' }])
  })

  it('refuses a stock count that is negative, fractional or absurd', () => {
    for (const onHand of [-1, 2.5, MAX_ON_HAND + 1, Number.NaN]) {
      expect(codes(product({ variants: [variant({ onHand })] }))).toEqual([
        { field: 'variants[0].onHand', code: 'invalid_stock' },
      ])
    }
    expect(codes(product({ variants: [variant({ onHand: 0 })] }))).toEqual([])
    expect(codes(product({ variants: [variant({ onHand: undefined })] }))).toEqual([])
  })

  it('ties each variant problem to its own variant', () => {
    expect(codes(product({ variants: [variant(), variant({ name: ' ', priceCents: -5 })] }))).toEqual([
      { field: 'variants[1].name', code: 'required' },
      { field: 'variants[1].priceCents', code: 'invalid_price' },
    ])
  })

  it('refuses a service duration under five minutes or over a day', () => {
    const service = (durationMinutes: number) =>
      product({ kind: 'service', variants: [{ name: 'Séance', priceCents: 3000, durationMinutes }] })
    expect(codes(service(4))).toEqual([{ field: 'variants[0].durationMinutes', code: 'invalid_duration' }])
    expect(codes(service(24 * 60 + 1))).toEqual([
      { field: 'variants[0].durationMinutes', code: 'invalid_duration' },
    ])
    expect(codes(service(45))).toEqual([])
  })

  it('refuses an unknown kind or status and a long SKU', () => {
    expect(codes(product({ kind: 'gift' as never }))).toEqual([{ field: 'kind', code: 'invalid_kind' }])
    expect(codes(product({ status: 'draft' as never }))).toEqual([
      { field: 'status', code: 'invalid_status' },
    ])
    expect(codes(product({ variants: [variant({ sku: 'S'.repeat(41) })] }))).toEqual([
      { field: 'variants[0].sku', code: 'too_long' },
    ])
  })

  it('reports every problem of a form at once', () => {
    const problems = codes(
      product({ name: '', vatRateBp: 1, variants: [variant({ priceCents: -1, onHand: -1 })] }),
    )
    expect(problems.map((p) => p.field)).toEqual([
      'name',
      'vatRateBp',
      'variants[0].priceCents',
      'variants[0].onHand',
    ])
  })
})

describe('stockState', () => {
  const now = new Date('2026-05-05T10:00:00Z')
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString()

  it('says "in stock" when more than a few units were counted recently', () => {
    expect(stockState({ available: 10, updatedAt: hoursAgo(1) }, now, 48)).toBe('in_stock')
    expect(stockState({ available: LIMITED_STOCK_THRESHOLD + 1, updatedAt: hoursAgo(1) }, now, 48)).toBe(
      'in_stock',
    )
  })

  it(`says "limited" at ${LIMITED_STOCK_THRESHOLD} units or fewer`, () => {
    expect(stockState({ available: LIMITED_STOCK_THRESHOLD, updatedAt: hoursAgo(1) }, now, 48)).toBe(
      'limited',
    )
    expect(stockState({ available: 1, updatedAt: hoursAgo(1) }, now, 48)).toBe('limited')
  })

  it('says "out of stock" when nothing is available', () => {
    expect(stockState({ available: 0, updatedAt: hoursAgo(1) }, now, 48)).toBe('out_of_stock')
  })

  it('does not promise stock counted longer ago than the shop freshness window', () => {
    expect(stockState({ available: 10, updatedAt: hoursAgo(49) }, now, 48)).toBe('unknown')
    // Nor absence: a shelf counted empty last week may have been filled since.
    expect(stockState({ available: 0, updatedAt: hoursAgo(49) }, now, 48)).toBe('unknown')
    expect(stockState({ available: 2, updatedAt: hoursAgo(25) }, now, 24)).toBe('unknown')
    expect(stockState({ available: 10, updatedAt: hoursAgo(48) }, now, 48)).toBe('in_stock')
  })

  it('says "service" for what has no stock', () => {
    expect(stockState(undefined, now, 48)).toBe('service')
  })
})
