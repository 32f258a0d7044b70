import { describe, expect, it } from 'vitest'
import {
  CLOSED_STATUSES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  PICKUP_CODE_ALPHABET,
  PICKUP_CODE_LENGTH,
  canMove,
  checkContact,
  isIdempotencyKey,
  isPickupCode,
  normalizePickupCode,
  sourcesOf,
  withdrawalDeadline,
  type OrderActor,
} from './rules.js'

const ACTORS: readonly OrderActor[] = ['resident', 'shop', 'system']

describe('order transitions (UX-10)', () => {
  it('lets each actor make every move listed for it', () => {
    for (const t of ORDER_TRANSITIONS)
      expect(canMove(t.from, t.to, t.by), `${t.from} → ${t.to} by ${t.by}`).toBe(true)
  })

  it('refuses a listed move to the actors it is not listed for', () => {
    for (const t of ORDER_TRANSITIONS) {
      const allowed = ORDER_TRANSITIONS.filter((u) => u.from === t.from && u.to === t.to).map((u) => u.by)
      for (const actor of ACTORS.filter((a) => !allowed.includes(a))) {
        expect(canMove(t.from, t.to, actor), `${t.from} → ${t.to} by ${actor}`).toBe(false)
      }
    }
  })

  it('refuses every move that is not in the table', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const by of ACTORS) {
          const listed = ORDER_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by)
          expect(canMove(from, to, by), `${from} → ${to} by ${by}`).toBe(listed)
        }
      }
    }
  })

  it('follows placed → accepted → preparing → ready → collected, moved by the shop', () => {
    expect(canMove('placed', 'accepted', 'shop')).toBe(true)
    expect(canMove('accepted', 'preparing', 'shop')).toBe(true)
    expect(canMove('placed', 'preparing', 'shop')).toBe(true)
    expect(canMove('preparing', 'ready', 'shop')).toBe(true)
    expect(canMove('ready', 'collected', 'shop')).toBe(true)
    expect(canMove('placed', 'ready', 'shop')).toBe(false)
    expect(canMove('accepted', 'collected', 'shop')).toBe(false)
  })

  it('lets the resident cancel until preparation starts, and not after', () => {
    expect(canMove('placed', 'cancelled', 'resident')).toBe(true)
    expect(canMove('accepted', 'cancelled', 'resident')).toBe(true)
    expect(canMove('preparing', 'cancelled', 'resident')).toBe(false)
    expect(canMove('ready', 'cancelled', 'resident')).toBe(false)
    expect(canMove('pending_payment', 'cancelled', 'resident')).toBe(false)
  })

  it('lets the shop cancel until the order is collected', () => {
    for (const from of ['placed', 'accepted', 'preparing', 'ready'] as const)
      expect(canMove(from, 'cancelled', 'shop')).toBe(true)
    expect(canMove('collected', 'cancelled', 'shop')).toBe(false)
  })

  it('moves nobody out of a collected, cancelled or no-show order', () => {
    expect(CLOSED_STATUSES).toEqual(['collected', 'cancelled', 'no_show'])
    for (const from of CLOSED_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const by of ACTORS) expect(canMove(from, to, by), `${from} → ${to} by ${by}`).toBe(false)
      }
    }
  })

  it('marks a no-show only by the platform, and only for a ready order', () => {
    expect(canMove('ready', 'no_show', 'system')).toBe(true)
    expect(canMove('ready', 'no_show', 'shop')).toBe(false)
    expect(canMove('ready', 'no_show', 'resident')).toBe(false)
    for (const from of ORDER_STATUSES.filter((s) => s !== 'ready'))
      expect(canMove(from, 'no_show', 'system')).toBe(false)
  })

  it('keeps a pending payment out of the shop’s and the resident’s hands', () => {
    expect(canMove('pending_payment', 'placed', 'system')).toBe(true)
    expect(canMove('pending_payment', 'cancelled', 'system')).toBe(true)
    for (const by of ['resident', 'shop'] as const) {
      for (const to of ORDER_STATUSES) expect(canMove('pending_payment', to, by)).toBe(false)
    }
  })
})

describe('sourcesOf: the states an update may start from', () => {
  it('lists the states from which an actor may reach a state', () => {
    expect(sourcesOf('cancelled', 'resident')).toEqual(['placed', 'accepted'])
    expect(sourcesOf('cancelled', 'shop')).toEqual(['placed', 'accepted', 'preparing', 'ready'])
    expect(sourcesOf('cancelled', 'system')).toEqual(['pending_payment'])
    expect([...sourcesOf('preparing', 'shop')].sort()).toEqual(['accepted', 'placed'])
    expect(sourcesOf('collected', 'shop')).toEqual(['ready'])
    expect(sourcesOf('no_show', 'system')).toEqual(['ready'])
  })

  it('lists nothing for a move the actor may never make', () => {
    expect(sourcesOf('no_show', 'shop')).toEqual([])
    expect(sourcesOf('collected', 'resident')).toEqual([])
    expect(sourcesOf('pending_payment', 'system')).toEqual([])
  })

  it('agrees with canMove for every state and actor', () => {
    for (const to of ORDER_STATUSES) {
      for (const by of ACTORS) {
        const sources = sourcesOf(to, by)
        for (const from of ORDER_STATUSES)
          expect(sources.includes(from), `${from} → ${to} by ${by}`).toBe(canMove(from, to, by))
      }
    }
  })
})

describe('pickup codes (UX-12)', () => {
  it('uses six characters with none that is misheard or misread at the counter', () => {
    expect(PICKUP_CODE_LENGTH).toBe(6)
    for (const c of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z'])
      expect(PICKUP_CODE_ALPHABET, c).not.toContain(c)
    expect(new Set(PICKUP_CODE_ALPHABET).size).toBe(PICKUP_CODE_ALPHABET.length)
    expect(PICKUP_CODE_ALPHABET).toMatch(/^[A-Z0-9]+$/)
  })

  it('forgives spaces, dashes and lower case in a typed code', () => {
    expect(normalizePickupCode('abc-def')).toBe('ABCDEF')
    expect(normalizePickupCode(' K7M 9PQ ')).toBe('K7M9PQ')
    expect(normalizePickupCode('k7-m9 p-q')).toBe('K7M9PQ')
    expect(normalizePickupCode('h3x\t4y6\n')).toBe('H3X4Y6')
    expect(isPickupCode(normalizePickupCode('  ab-cd-ef '))).toBe(true)
  })

  it('accepts a code of six characters from the alphabet', () => {
    expect(isPickupCode('ABCDEF')).toBe(true)
    expect(isPickupCode('K7M9PQ')).toBe(true)
    expect(isPickupCode('346789')).toBe(true)
  })

  it('refuses a code of the wrong length', () => {
    expect(isPickupCode('')).toBe(false)
    expect(isPickupCode('ABCDE')).toBe(false)
    expect(isPickupCode('ABCDEFG')).toBe(false)
    expect(isPickupCode(normalizePickupCode('abc-defg'))).toBe(false)
  })

  it('refuses a character outside the alphabet', () => {
    for (const c of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '-', ' ', 'é', '*']) {
      expect(isPickupCode(`ABCDE${c}`), `ABCDE${c}`).toBe(false)
    }
    expect(isPickupCode('abcdef')).toBe(false) // lower case is only forgiven through normalizePickupCode
  })

  it('does not let a huge input through the normalizer', () => {
    expect(normalizePickupCode('A'.repeat(10_000))).toHaveLength(20)
  })
})

describe('checkContact: checkout contact details', () => {
  const good = { name: 'Camille Durand', email: 'camille@example.fr', phone: '' }

  it('accepts a name and an email, with or without a phone', () => {
    expect(checkContact(good)).toEqual([])
    expect(checkContact({ ...good, phone: '06 12 34 56 78' })).toEqual([])
    expect(checkContact({ ...good, phone: '+33 6 12 34 56 78' })).toEqual([])
    expect(checkContact({ ...good, phone: '06.12.34.56.78' })).toEqual([])
    expect(checkContact({ ...good, phone: '06-12-34-56-78' })).toEqual([])
    expect(checkContact({ ...good, phone: '   ' })).toEqual([])
  })

  it('requires a name and an email, blank counting as missing', () => {
    expect(checkContact({ ...good, name: '' })).toEqual([{ field: 'contact.name', code: 'required' }])
    expect(checkContact({ ...good, name: '   ' })).toEqual([{ field: 'contact.name', code: 'required' }])
    expect(checkContact({ ...good, email: '' })).toEqual([{ field: 'contact.email', code: 'required' }])
    expect(checkContact({ ...good, email: ' \t' })).toEqual([{ field: 'contact.email', code: 'required' }])
  })

  it('refuses a name with a line break or another control character (it would break a calendar file or a header)', () => {
    for (const name of ['Eve\rEND:VEVENT', 'Eve\nBcc: x@example.fr', 'Eve\u0000', 'Eve\u007f']) {
      expect(checkContact({ ...good, name }), JSON.stringify(name)).toEqual([
        { field: 'contact.name', code: 'invalid_format' },
      ])
    }
    expect(checkContact({ ...good, name: 'Ève-Marie d’Aubigné' })).toEqual([])
  })

  it('refuses an email that is not an address', () => {
    for (const email of [
      'camille',
      'camille@',
      '@example.fr',
      'camille@example',
      'cam ille@example.fr',
      'camille@@example.fr',
    ]) {
      expect(checkContact({ ...good, email }), email).toEqual([
        { field: 'contact.email', code: 'invalid_email' },
      ])
    }
    expect(checkContact({ ...good, email: `${'a'.repeat(250)}@example.fr` })).toEqual([
      { field: 'contact.email', code: 'invalid_email' },
    ])
  })

  it('accepts an email surrounded by spaces', () => {
    expect(checkContact({ ...good, email: '  camille@example.fr ' })).toEqual([])
  })

  it('refuses a name longer than 100 characters', () => {
    expect(checkContact({ ...good, name: 'a'.repeat(100) })).toEqual([])
    expect(checkContact({ ...good, name: 'a'.repeat(101) })).toEqual([
      { field: 'contact.name', code: 'too_long' },
    ])
  })

  it('refuses a phone given in a bad format', () => {
    for (const phone of [
      'abc',
      '0612',
      'tel 0612345678',
      '06 12 34 56 78 ext',
      '(06) 12 34 56 78',
      '1'.repeat(30),
    ]) {
      expect(checkContact({ ...good, phone }), phone).toEqual([
        { field: 'contact.phone', code: 'invalid_phone' },
      ])
    }
  })

  it('reports every problem at once', () => {
    expect(checkContact({ name: '', email: 'not-an-email', phone: 'call me' })).toEqual([
      { field: 'contact.name', code: 'required' },
      { field: 'contact.email', code: 'invalid_email' },
      { field: 'contact.phone', code: 'invalid_phone' },
    ])
    expect(checkContact({ name: 'a'.repeat(101), email: '', phone: 'x' })).toEqual([
      { field: 'contact.name', code: 'too_long' },
      { field: 'contact.email', code: 'required' },
      { field: 'contact.phone', code: 'invalid_phone' },
    ])
  })
})

describe('isIdempotencyKey', () => {
  it('accepts a UUID and printable ASCII keys of 8 to 100 characters', () => {
    expect(isIdempotencyKey('5f0c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f')).toBe(true)
    expect(isIdempotencyKey('a'.repeat(8))).toBe(true)
    expect(isIdempotencyKey('a'.repeat(100))).toBe(true)
    expect(isIdempotencyKey('!#$%&()*+,./:;<=>?@[]^_`{|}~')).toBe(true)
  })

  it('refuses a key shorter than 8 or longer than 100 characters', () => {
    expect(isIdempotencyKey('')).toBe(false)
    expect(isIdempotencyKey('a'.repeat(7))).toBe(false)
    expect(isIdempotencyKey('a'.repeat(101))).toBe(false)
  })

  it('refuses spaces, newlines, control and non-ASCII characters', () => {
    expect(isIdempotencyKey('form token 1')).toBe(false)
    expect(isIdempotencyKey('formtoken1\n')).toBe(false)
    expect(isIdempotencyKey('\nformtoken1')).toBe(false)
    expect(isIdempotencyKey('form\ttoken1')).toBe(false)
    expect(isIdempotencyKey('formtoken\u0000')).toBe(false)
    expect(isIdempotencyKey('jeton-unique-é')).toBe(false)
    expect(isIdempotencyKey('formtoken\u007f')).toBe(false)
  })
})

describe('withdrawalDeadline: 14 days from the day after pickup (LAW F2)', () => {
  it('ends 14 days after the pickup day when that is a working day', () => {
    expect(withdrawalDeadline('2026-11-23')).toBe('2026-12-07') // Monday → Monday
    expect(withdrawalDeadline('2026-11-26')).toBe('2026-12-10')
  })

  it('runs on to Monday when the 14th day is a Saturday or a Sunday', () => {
    expect(withdrawalDeadline('2026-11-28')).toBe('2026-12-14') // 14th day Saturday 12 December
    expect(withdrawalDeadline('2026-11-29')).toBe('2026-12-14') // 14th day Sunday 13 December
  })

  it('runs past a public holiday, and past a weekend followed by a holiday Monday', () => {
    expect(withdrawalDeadline('2026-04-30')).toBe('2026-05-15') // Ascension, Thursday 14 May
    expect(withdrawalDeadline('2026-06-30')).toBe('2026-07-15') // 14 July
    expect(withdrawalDeadline('2026-05-11')).toBe('2026-05-26') // Whit Monday 25 May
    expect(withdrawalDeadline('2026-03-22')).toBe('2026-04-07') // Sunday 5 April, Easter Monday 6 April
  })

  it('crosses the year end', () => {
    expect(withdrawalDeadline('2026-12-18')).toBe('2027-01-04') // 1 January 2027 is a Friday
  })
})
