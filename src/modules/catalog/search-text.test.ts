import { describe, expect, it } from 'vitest'
import {
  indexedWords,
  MAX_QUERY_WORDS,
  parseQuery,
  plainWords,
  searchDocument,
  searchName,
  spellingVariants,
  stemWord,
  TYPO_MIN_LENGTH,
  withinOneEdit,
} from './search-text.js'

const stemOf = (text: string) => plainWords(text).map(stemWord)

describe('plainWords', () => {
  it('finds "Crème brûlée" when typed without accents', () => {
    expect(plainWords('Crème brûlée')).toEqual(['creme', 'brulee'])
    expect(plainWords('CREME BRULEE')).toEqual(['creme', 'brulee'])
  })

  it('spells out the œ and æ ligatures', () => {
    expect(plainWords('Bœuf')).toEqual(['boeuf'])
    expect(plainWords('BŒUF')).toEqual(['boeuf'])
    expect(plainWords('Cæsar')).toEqual(['caesar'])
  })

  it('splits on hyphens, apostrophes and punctuation and drops the little words', () => {
    expect(plainWords("Demi-baguette de l'épi, au levain !")).toEqual(['demi', 'baguette', 'epi', 'levain'])
    expect(plainWords('Pains au chocolat')).toEqual(['pains', 'chocolat'])
  })

  it('keeps digits', () => {
    expect(plainWords('Pack de 6 bières 33cl')).toEqual(['pack', '6', 'bieres', '33cl'])
  })

  it('produces nothing from punctuation and SQL metacharacters', () => {
    for (const text of ['', '   ', '%', '_', '"', "'", '--', '*', '()']) expect(plainWords(text)).toEqual([])
  })
})

describe('stemWord', () => {
  it('makes singular and plural the same word', () => {
    expect(stemWord('baguettes')).toBe(stemWord('baguette'))
    expect(stemWord('chevaux')).toBe(stemWord('cheval'))
    expect(stemWord('pains')).toBe(stemWord('pain'))
    expect(stemWord('crevaisons')).toBe(stemWord('crevaison'))
    expect(stemWord('pommes')).toBe(stemWord('pomme'))
  })

  it('matches "vélos" with "vélo" once accents are removed', () => {
    expect(stemOf('vélos')).toEqual(stemOf('vélo'))
    expect(stemOf('Vélos')).toEqual(stemOf('velo'))
  })

  it('leaves numbers alone', () => {
    expect(stemWord('2026')).toBe('2026')
    expect(stemWord('75')).toBe('75')
  })

  it('does not cut short words ending in s', () => {
    expect(stemWord('os')).toBe('os')
  })
})

describe('indexed words', () => {
  it('keeps each stem once, in order', () => {
    expect(indexedWords('Baguette, baguettes et demi-baguette')).toEqual([
      stemWord('baguette'),
      stemWord('demi'),
    ])
  })

  it('pads the name with spaces so whole words can be found with LIKE', () => {
    expect(searchName('Crème brûlée')).toBe(` ${stemWord('creme')} ${stemWord('brulee')} `)
  })

  it('caps a pasted novel in a description at 300 words', () => {
    const novel = Array.from({ length: 1000 }, (_, i) => `mot${i}`).join(' ')
    expect(searchDocument([novel]).split(' ')).toHaveLength(300)
  })
})

describe('parseQuery', () => {
  it('reads the words of a query as the index stores them', () => {
    expect(parseQuery('Crème brûlée')).toEqual([
      { plain: 'creme', stem: stemWord('creme'), typoTolerant: true },
      { plain: 'brulee', stem: stemWord('brulee'), typoTolerant: true },
    ])
  })

  it('counts a word typed twice, singular and plural, once', () => {
    expect(parseQuery('baguette baguettes BAGUETTE')).toHaveLength(1)
  })

  it(`uses at most ${MAX_QUERY_WORDS} words of a 10 kB paste, quickly`, () => {
    const paste = 'farine levain eau sel croissant brioche chocolat amande noisette '
      .repeat(200)
      .slice(0, 10_240)
    const started = performance.now()
    const words = parseQuery(paste)
    expect(performance.now() - started).toBeLessThan(200)
    expect(words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS)
    expect(words.map((w) => w.plain)).toEqual([
      'farine',
      'levain',
      'eau',
      'sel',
      'croissant',
      'brioche',
      'chocolat',
      'amande',
    ])
  })

  it('reads only the first 200 characters of a query', () => {
    const long = `${'x'.repeat(199)} baguette`
    expect(parseQuery(long).map((w) => w.plain)).toEqual(['x'.repeat(199)])
    expect(parseQuery('a'.repeat(10_000)).every((w) => w.plain.length <= 200)).toBe(true)
  })

  it('drops a word cut in half by the length limit rather than require its fragment', () => {
    const long = `${'pain '.repeat(39)}croissant`
    expect(long.length).toBeGreaterThan(200)
    expect(parseQuery(long).map((w) => w.plain)).toEqual(['pain'])
  })

  it(`forgives typos only in words of ${TYPO_MIN_LENGTH} letters or more, never in numbers`, () => {
    const tolerance = Object.fromEntries(
      parseQuery('pain tarte croisant 12345 bio').map((w) => [w.plain, w.typoTolerant]),
    )
    expect(tolerance).toEqual({ pain: false, tarte: true, croisant: true, '12345': false, bio: false })
  })

  it('finds no words in an empty or punctuation-only query', () => {
    expect(parseQuery('')).toEqual([])
    expect(parseQuery('%_"*')).toEqual([])
  })
})

describe('spellingVariants', () => {
  it('lists the word and each of its one-letter deletions', () => {
    expect(spellingVariants('pain')).toEqual(['pain', 'ain', 'pin', 'pan', 'pai'])
  })

  it('lists each deletion once', () => {
    expect(spellingVariants('croiss')).toEqual(['croiss', 'roiss', 'coiss', 'criss', 'cross', 'crois'])
  })

  it('shares a variant between two words one edit apart', () => {
    for (const [a, b] of [
      ['croiss', 'crois'],
      ['baguet', 'bagett'],
      ['fromag', 'formag'],
    ] as const) {
      const shared = spellingVariants(a).filter((v) => spellingVariants(b).includes(v))
      expect(shared.length).toBeGreaterThan(0)
    }
  })
})

describe('withinOneEdit', () => {
  it('accepts the same word', () => {
    expect(withinOneEdit('croiss', 'croiss')).toBe(true)
  })

  it('accepts one inserted or deleted letter', () => {
    expect(withinOneEdit('crois', 'croiss')).toBe(true)
    expect(withinOneEdit('croiss', 'crois')).toBe(true)
    expect(withinOneEdit('aguet', 'baguet')).toBe(true)
  })

  it('accepts one substituted letter', () => {
    expect(withinOneEdit('baguet', 'baguat')).toBe(true)
    expect(withinOneEdit('fromag', 'fromaj')).toBe(true)
  })

  it('accepts two adjacent letters swapped', () => {
    expect(withinOneEdit('fromag', 'formag')).toBe(true)
    expect(withinOneEdit('chevr', 'chver')).toBe(true)
  })

  it('refuses two edits', () => {
    expect(withinOneEdit('baguet', 'bagtte')).toBe(false)
    expect(withinOneEdit('croiss', 'cris')).toBe(false)
    expect(withinOneEdit('fromag', 'fromajes')).toBe(false)
    expect(withinOneEdit('abcd', 'badc')).toBe(false)
    expect(withinOneEdit('fromag', 'fmorag')).toBe(false)
  })
})
